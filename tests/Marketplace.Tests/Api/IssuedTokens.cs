using System.Security.Claims;
using Marketplace.Api.Auth;
using Marketplace.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Tests.Api;

/// <summary>Access tokens from the Api's own issuer for accounts written straight to the table (no anonymous budget spent).</summary>
public static class IssuedTokens
{
    /// <summary>
    /// An access token of a new session of <paramref name="user"/> (already in the table): the session is written as
    /// signing in writes it, so the token works until it, the account or its stamp says otherwise.
    /// </summary>
    public static async Task<string> IssueAsync(this AccessTokens tokens, ApiApp app, User user)
    {
        var session = UnsavedSession(user);
        await app.Db.ExecuteAsync($"""
            INSERT INTO "Session" ("Id", "UserId", "CreatedAt", "ExpiresAt")
            VALUES ('{session.Id}', '{user.Id}', now(), now() + interval '30 days')
            """, ApiCalls.Ct);
        return tokens.Issue(user, session).AccessToken;
    }

    /// <summary>A session that is nowhere in the database: for tokens refused before their session is read (forged, expired).</summary>
    public static Session UnsavedSession(User user) =>
        new() { Id = Guid.CreateVersion7(), UserId = user.Id, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30) };

    /// <summary>
    /// An access token as the release before sessions had ids issued it: the same claims under the same key, but no
    /// <c>sid</c>. Such a token lives out its few minutes on the security stamp alone.
    /// </summary>
    public static string IssueWithoutSession(this AccessTokens tokens, IServiceProvider services, User user)
    {
        var handler = new JsonWebTokenHandler();
        var issued = handler.ReadJsonWebToken(tokens.Issue(user, UnsavedSession(user)).AccessToken);
        var claims = issued.Claims
            .Where(c => c.Type is not (AccessTokens.SessionClaim or "iss" or "aud" or "exp" or "nbf" or "iat"))
            .GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => (object)g.First().Value);
        var jwt = services.GetRequiredService<IOptions<JwtOptions>>().Value;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = issued.IssuedAt,
            NotBefore = issued.ValidFrom,
            Expires = issued.ValidTo,
            Claims = claims,
            SigningCredentials = new SigningCredentials(jwt.CreateSigningKey(), SecurityAlgorithms.HmacSha256),
        });
    }
}
