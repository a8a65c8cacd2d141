using System.ComponentModel.DataAnnotations;
using Marketplace.Data.Entities;

namespace Marketplace.Api.Auth;

public sealed record RegisterRequest
{
    [Required, EmailAddress, StringLength(User.EmailMaxLength, MinimumLength = 3)]
    public string Email { get; init; } = "";

    [Required, StringLength(PasswordMaxLength, MinimumLength = PasswordMinLength)]
    public string Password { get; init; } = "";

    [Required, StringLength(User.DisplayNameMaxLength, MinimumLength = 1)]
    public string DisplayName { get; init; } = "";

    public const int PasswordMinLength = 8;

    /// <summary>Bounds the hashing work one request can ask for.</summary>
    public const int PasswordMaxLength = 128;
}

public sealed record LoginRequest
{
    [Required, StringLength(User.EmailMaxLength, MinimumLength = 1)]
    public string Email { get; init; } = "";

    [Required, StringLength(RegisterRequest.PasswordMaxLength, MinimumLength = 1)]
    public string Password { get; init; } = "";
}

public sealed record UserResponse(Guid Id, string Email, string DisplayName, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.DisplayName, user.CreatedAt);
}

/// <summary>A bearer token for the Authorization header, and when it stops being accepted.</summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
