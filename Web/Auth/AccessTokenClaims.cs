using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Auth;

/// <summary>
/// Who a session belongs to, read from the Api's access token: its id (<c>sub</c>), display name, email, role, and
/// whether the address was verified when the token was issued (<c>email_verified</c>; absent from an older Api's). The
/// Web does not check the token's signature: it received it from the Api over its own connection, and the Api checks
/// it on every call; these claims only decide what the pages show.
/// </summary>
public static class AccessTokenClaims
{
    /// <summary>The claim that says whether the address is verified: "true" or "false"; absent when the token did not say.</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>Whether the session's account still has to verify its address (false when the token did not say).</summary>
    public static bool MustVerifyEmail(ClaimsPrincipal user) => user?.FindFirst(EmailVerified)?.Value == "false";

    public static ClaimsPrincipal PrincipalOf(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("The Api's access token is not a JWT.");
        }

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var root = payload.RootElement;
        var claims = new List<Claim>();
        Add(claims, root, "sub", ClaimTypes.NameIdentifier);
        Add(claims, root, "name", ClaimTypes.Name);
        Add(claims, root, "email", ClaimTypes.Email);
        Add(claims, root, "role", ClaimTypes.Role);
        if (root.TryGetProperty(EmailVerified, out var verified) && verified.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            claims.Add(new Claim(EmailVerified, verified.ValueKind == JsonValueKind.True ? "true" : "false"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    private static void Add(List<Claim> claims, JsonElement root, string name, string type)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            claims.Add(new Claim(type, text));
        }
    }
}
