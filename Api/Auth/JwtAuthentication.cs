using System.Globalization;
using Marketplace.Api.Jobs;
using Marketplace.Data;
using Marketplace.Data.Accounts;
using Marketplace.Data.Entities;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Api.Auth;

/// <summary>Access tokens: validated settings, the standard JwtBearer handler, and what issues and checks credentials.</summary>
public static class JwtAuthentication
{
    public static IHostApplicationBuilder AddJwtAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .Validate(jwt => jwt.HasStrongSigningKey,
                $"Jwt:SigningKey must be a secret of at least {JwtOptions.MinimumSigningKeyBytes} bytes (e.g. from 'openssl rand -base64 48'), " +
                "given as the environment variable Jwt__SigningKey or a user secret; only Development has one by default.")
            .Validate(jwt => !string.IsNullOrWhiteSpace(jwt.Issuer), "Jwt:Issuer must not be empty.")
            .Validate(jwt => !string.IsNullOrWhiteSpace(jwt.Audience), "Jwt:Audience must not be empty.")
            .Validate(jwt => jwt.Lifetime >= TimeSpan.FromMinutes(1) && jwt.Lifetime <= TimeSpan.FromDays(1),
                "Jwt:Lifetime must be between 00:01:00 and 1.00:00:00.")
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwtOptions) =>
            {
                var jwt = jwtOptions.Value;
                // Keep the token's own claim names ("sub", "role"), not the WS-Federation URIs they would be mapped to.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = jwt.CreateSigningKey(),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = AccessTokens.NameClaim,
                    RoleClaimType = AccessTokens.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                bearer.Events = new JwtBearerEvents { OnTokenValidated = CheckSecurityStampAsync };
            });
        builder.Services.AddAuthorization();

        builder.Services.AddOptions<AccountsOptions>()
            .BindConfiguration(AccountsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SecurityStamps>();
        builder.Services.AddSingleton<Sessions>();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<RefreshTokens>();
        builder.Services.AddSingleton<ForgotPasswordLimiter>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddOptions<TokenCleanupOptions>()
            .BindConfiguration(TokenCleanupOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddPeriodicJob<TokenCleanup>(TokenCleanup.JobName, services => new PeriodicJobSchedule(
            services.GetRequiredService<IOptions<TokenCleanupOptions>>().Value.Interval, AdvisoryLockKeys.TokenCleanup));
        builder.Services.AddSingleton<PasswordVerifier>();
        builder.Services.AddSingleton<IPasswordHasher<User>, AccountPasswordHasher>();
        builder.Services.AddScoped<EmailVerification>();
        builder.Services.AddScoped<AccountExporter>();
        builder.Services.AddSingleton<AccountDeletion>();
        return builder;
    }

    /// <summary>
    /// Runs only when a request came with a correctly signed, unexpired token: refuses it unless it carries the user's
    /// current security stamp, the user exists and is neither suspended nor deleted, and its session is still going (then
    /// the handler answers 401).
    /// </summary>
    private static async Task CheckSecurityStampAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal is null
            || !Guid.TryParse(principal.FindFirst(AccessTokens.SubjectClaim)?.Value, out var userId)
            || !int.TryParse(principal.FindFirst(SecurityStamps.ClaimType)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var stamp))
        {
            context.Fail("The token carries no user or no security stamp.");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var current = await services.GetRequiredService<SecurityStamps>().FindAsync(userId, context.HttpContext.RequestAborted);
        if (current is not { Suspended: false } user || user.SecurityStamp != stamp)
        {
            context.Fail("The token was issued before the account's sessions were ended, or the account is gone or suspended.");
            return;
        }

        // A token the release before issued names no session; it lives out its few minutes on the stamp alone.
        if (AccessTokens.SessionIdOf(principal) is { } sessionId
            && !await services.GetRequiredService<Sessions>().IsActiveAsync(sessionId, context.HttpContext.RequestAborted))
        {
            context.Fail("The token's session has ended (signed out), or is past its maximum age.");
        }
    }
}
