using System.Text.Json;
using System.Text.RegularExpressions;

namespace Marketplace.AppHost.Tests.Support;

/// <summary>The AppHost's <c>mail</c> resource (smtp4dev) read through its HTTP API, as a test reads a person's inbox.</summary>
public static partial class Smtp4devInbox
{
    /// <summary>The link in the plain-text part of the newest mail to <paramref name="email"/>, waiting up to a minute for it.</summary>
    public static async Task<Uri> VerificationLinkAsync(DistributedApplication app, string email, CancellationToken cancellationToken)
    {
        using var inbox = app.CreateHttpClient("mail", "http");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            // The newest messages first; the text part of one by its id.
            using var messages = JsonDocument.Parse(await inbox.GetStringAsync(new Uri("/api/messages?pageSize=50", UriKind.Relative), cancellationToken));
            var found = messages.RootElement.GetProperty("results").EnumerateArray()
                .FirstOrDefault(m => m.GetRawText().Contains(email, StringComparison.OrdinalIgnoreCase));
            if (found.ValueKind == JsonValueKind.Object)
            {
                var text = await inbox.GetStringAsync(new Uri($"/api/messages/{found.GetProperty("id").GetString()}/plaintext", UriKind.Relative), cancellationToken);
                return new Uri(VerifyEmailLink().Match(text).Value);
            }

            Assert.True(DateTime.UtcNow < deadline, $"No mail to {email} in smtp4dev: {messages.RootElement}");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The token a verification link carries.</summary>
    public static string TokenOf(Uri link) => Uri.UnescapeDataString(link.Query["?token=".Length..]);

    [GeneratedRegex(@"https?://\S+/verify-email\?token=\S+")]
    private static partial Regex VerifyEmailLink();
}
