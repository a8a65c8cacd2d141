using System.Security.Claims;
using Marketplace.Contracts.Accounts;
using Marketplace.Data.Entities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Api.Auth;

/// <summary>Issues the access tokens (<see cref="RefreshTokens"/> pairs each with a refresh token) that the standard JwtBearer handler validates.</summary>
public sealed class AccessTokens(IOptions<JwtOptions> options, TimeProvider timeProvider)
{
    public const string SubjectClaim = JwtRegisteredClaimNames.Sub;
    public const string NameClaim = JwtRegisteredClaimNames.Name;
    public const string RoleClaim = "role";

    /// <summary>The session the token belongs to (<see cref="Session.Id"/>): ending that session refuses the token at once.</summary>
    public const string SessionClaim = JwtRegisteredClaimNames.Sid;

    /// <summary>Whether the account's address was verified when the token was issued; a client shows it, the Api reads the database.</summary>
    public const string EmailVerifiedClaim = "email_verified";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _signingCredentials = new(options.Value.CreateSigningKey(), SecurityAlgorithms.HmacSha256);

    /// <summary>An access token of <paramref name="session"/>: it names the session and lives no longer than it.</summary>
    public AccessTokenResponse Issue(User user, Session session)
    {
        var jwt = options.Value;
        // JWT times are whole seconds; truncating here makes expiresAt exactly the token's exp.
        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var sessionEnds = DateTimeOffset.FromUnixTimeSeconds(session.ExpiresAt.ToUnixTimeSeconds());
        var expiresAt = now + jwt.Lifetime < sessionEnds ? now + jwt.Lifetime : sessionEnds;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [SubjectClaim] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Email] = user.Email,
                [NameClaim] = user.DisplayName,
                [RoleClaim] = user.Role.ToString(),
                [EmailVerifiedClaim] = user.EmailVerifiedAt is not null,
                [SecurityStamps.ClaimType] = user.SecurityStamp,
                [SessionClaim] = session.Id.ToString(),
            },
            SigningCredentials = _signingCredentials,
        });
        return new AccessTokenResponse(token, expiresAt, "", default);
    }

    /// <summary>The signed-in user's id; only called behind RequireAuthorization, where the handler has validated the token.</summary>
    public static Guid UserIdOf(ClaimsPrincipal caller) => Guid.Parse(caller.FindFirstValue(SubjectClaim)!);

    /// <summary>The caller's session, or null for a token that names none (issued by the release before sessions had ids).</summary>
    public static Guid? SessionIdOf(ClaimsPrincipal caller) =>
        Guid.TryParse(caller.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>The caller's id when a valid token came with the request.</summary>
    public static Guid? OptionalUserIdOf(ClaimsPrincipal caller) =>
        Guid.TryParse(caller.FindFirstValue(SubjectClaim), out var id) ? id : null;
}
