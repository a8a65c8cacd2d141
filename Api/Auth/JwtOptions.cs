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

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));

    public bool HasStrongSigningKey => Encoding.UTF8.GetByteCount(SigningKey ?? "") >= MinimumSigningKeyBytes;
}
