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

public sealed record ChangePasswordRequest
{
    [Required, StringLength(RegisterRequest.PasswordMaxLength, MinimumLength = 1)]
    public string CurrentPassword { get; init; } = "";

    [Required, StringLength(RegisterRequest.PasswordMaxLength, MinimumLength = RegisterRequest.PasswordMinLength)]
    public string NewPassword { get; init; } = "";
}

public sealed record ChangeEmailRequest
{
    /// <summary>The address to switch to, once the link mailed to it is followed.</summary>
    [Required, StringLength(User.EmailMaxLength, MinimumLength = 3), DataType(DataType.EmailAddress)]
    [RegularExpression(RegisterRequest.EmailPattern, ErrorMessage = "Enter an email address such as name@example.com.")]
    public string NewEmail { get; init; } = "";

    [Required, StringLength(RegisterRequest.PasswordMaxLength, MinimumLength = 1)]
    public string CurrentPassword { get; init; } = "";
}

public sealed record ForgotPasswordRequest
{
    [Required, StringLength(User.EmailMaxLength, MinimumLength = 1), DataType(DataType.EmailAddress)]
    public string Email { get; init; } = "";
}

public sealed record ResetPasswordRequest
{
    /// <summary>The token from the mailed link.</summary>
    [Required, StringLength(MailedTokens.TokenLength, MinimumLength = 1)]
    public string Token { get; init; } = "";

    [Required, StringLength(RegisterRequest.PasswordMaxLength, MinimumLength = RegisterRequest.PasswordMinLength)]
    public string NewPassword { get; init; } = "";
}

public sealed record UserResponse(Guid Id, [property: DataType(DataType.EmailAddress)] string Email, string DisplayName, DateTimeOffset CreatedAt)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.DisplayName, user.CreatedAt);
}

/// <summary>
/// A bearer token for the Authorization header and when it stops being accepted; and a single-use refresh token that
/// POST /api/auth/refresh exchanges for the next pair, and when it expires.
/// </summary>
public sealed record AccessTokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

public sealed record RefreshRequest
{
    /// <summary>The refreshToken of the last pair; each one works once.</summary>
    [Required, StringLength(MailedTokens.TokenLength, MinimumLength = 1)]
    public string RefreshToken { get; init; } = "";
}

public sealed record VerifyEmailRequest
{
    /// <summary>The token from the link in the verification mail.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Token { get; init; } = "";
}

/// <summary>The address now verified (after a change of email, the new one) and since when.</summary>
public sealed record EmailVerifiedResponse([property: DataType(DataType.EmailAddress)] string Email, DateTimeOffset EmailVerifiedAt);
