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
            });
        builder.Services.AddAuthorization();

        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<PasswordVerifier>();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();

        builder.Services.AddOptions<AccountsOptions>()
            .BindConfiguration(AccountsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddScoped<EmailVerification>();
        return builder;
    }
}
