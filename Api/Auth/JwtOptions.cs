using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Api.Auth;

/// <summary>Settings under <c>Jwt</c>: how access tokens are signed and what they claim.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>HMAC-SHA256 wants a key at least as long as its output.</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The HMAC-SHA256 secret. Development has one in appsettings.Development.json; everywhere else it must be provided.</summary>
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "marketplace";

    public string Audience { get; set; } = "marketplace-api";

    /// <summary>Short: a session goes on by refresh tokens, and a stolen access token is worth little for long.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    public SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));

    public bool HasStrongSigningKey => Encoding.UTF8.GetByteCount(SigningKey ?? "") >= MinimumSigningKeyBytes;
}
