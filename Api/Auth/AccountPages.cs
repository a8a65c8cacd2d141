using System.Net;
using Marketplace.Api.Infrastructure;
using Marketplace.Api.Mail;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Api.Auth;

/// <summary>
/// The minimal pages the mailed links open, served by the Api until the web front end has its own. A GET never
/// changes anything (mail scanners follow links): it shows a form that posts the token, and the POST does the work and
/// answers a small result page. Plain HTML, no script; the token in the URL is kept out of Referer headers and caches.
/// </summary>
public static class AccountPages
{
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();

        pages.MapGet(AccountMails.VerifyEmailPath, (string? token) => Html(StatusCodes.Status200OK, "Verify your email address", $"""
            <p>Confirm that this is your address by pressing the button.</p>
            <form method="post" action="{AccountMails.VerifyEmailPath.TrimStart('/')}">
            <input type="hidden" name="token" value="{Encode(token ?? "")}">
            <button type="submit">Verify my email</button>
            </form>
            """));

        pages.MapPost(AccountMails.VerifyEmailPath, VerifyAsync)
            .DisableAntiforgery()
            .RequireRateLimiting(RequestLimits.AnonymousPolicy);

        return app;
    }

    private static async Task<IResult> VerifyAsync([FromForm] string? token, EmailVerification verification, CancellationToken cancellationToken)
    {
        var (outcome, user) = await verification.VerifyAsync(token ?? "", cancellationToken);
        return outcome switch
        {
            VerificationOutcome.Verified => Html(StatusCodes.Status200OK, "Email address verified",
                $"<p>Thank you: {Encode(user!.Email)} is verified. You can create listings now.</p>"),
            VerificationOutcome.EmailTaken => Html(StatusCodes.Status409Conflict, "Email address taken",
                "<p>Another account uses this address now, so yours keeps its current one.</p>"),
            _ => Html(StatusCodes.Status400BadRequest, "Link not valid",
                "<p>This verification link is invalid, was already used or has expired. Sign in and ask for a new one.</p>"),
        };
    }

    /// <summary>A small self-contained page: no scripts, no framing, no referrer, no caching.</summary>
    public static IResult Html(int statusCode, string title, string body) => new HtmlPage(statusCode, $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
        <title>{Encode(title)} - Marketplace</title></head>
        <body>
        <h1>{Encode(title)}</h1>
        {body}
        </body>
        </html>
        """);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class HtmlPage(int statusCode, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode).ExecuteAsync(httpContext);
        }
    }
}
