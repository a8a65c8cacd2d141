using System.ComponentModel.DataAnnotations;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Auth;

public sealed record RegisterRequest
{
    /// <summary>See <see cref="User.EmailPattern"/>.</summary>
    public const string EmailPattern = User.EmailPattern;

    [Required, StringLength(User.EmailMaxLength, MinimumLength = 3), DataType(DataType.EmailAddress)]
    [RegularExpression(EmailPattern, ErrorMessage = "Enter an email address such as name@example.com.")]
    public string Email { get; init; } = "";

    [Required, StringLength(PasswordMaxLength, MinimumLength = PasswordMinLength)]
    public string Password { get; init; } = "";

    [Required, StringLength(User.DisplayNameMaxLength, MinimumLength = 1)]
    public string DisplayName { get; init; } = "";

    public const int PasswordMinLength = User.PasswordMinLength;

    /// <summary>Bounds the hashing work one request can ask for.</summary>
    public const int PasswordMaxLength = User.PasswordMaxLength;
}

public sealed record LoginRequest
{
    [Required, StringLength(User.EmailMaxLength, MinimumLength = 1), DataType(DataType.EmailAddress)]
    public string Email { get; init; } = "";

    [Required, StringLength(RegisterRequest.PasswordMaxLength, MinimumLength = 1)]
    public string Password { get; init; } = "";
}

public sealed record UserResponse(Guid Id, [property: DataType(DataType.EmailAddress)] string Email, string DisplayName, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.DisplayName, user.CreatedAt);
}

/// <summary>A bearer token for the Authorization header, and when it stops being accepted.</summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
