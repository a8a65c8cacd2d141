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

    /// <summary>
    /// How many mails with <paramref name="subject"/> smtp4dev holds for each of <paramref name="emails"/>, once each has
    /// at least one or <paramref name="timeout"/> has passed (then the counts as they are, zeros included).
    /// </summary>
    public static async Task<Dictionary<string, int>> CountsAsync(
        DistributedApplication app, string subject, IReadOnlyCollection<string> emails, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var inbox = app.CreateHttpClient("mail", "http");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var counts = emails.ToDictionary(email => email, _ => 0, StringComparer.OrdinalIgnoreCase);
            try
            {
                using var messages = JsonDocument.Parse(await inbox.GetStringAsync(new Uri("/api/messages?pageSize=5000", UriKind.Relative), cancellationToken));
                foreach (var message in messages.RootElement.GetProperty("results").EnumerateArray()
                             .Where(m => m.GetProperty("subject").GetString() == subject))
                {
                    foreach (var to in message.GetProperty("to").EnumerateArray().Select(t => t.GetString()!))
                    {
                        if (counts.TryGetValue(to, out var count))
                        {
                            counts[to] = count + 1;
                        }
                    }
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // smtp4dev is starting again.
            }

            if (counts.Values.All(count => count > 0) || DateTime.UtcNow >= deadline)
            {
                return counts;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// The newest mail to <paramref name="email"/> whose subject contains <paramref name="subject"/>, waiting up to
    /// <paramref name="timeout"/> for it: its plain text and its whole raw message (headers included).
    /// </summary>
    public static async Task<(string Text, string Source)> MailAsync(
        DistributedApplication app, string email, string subject, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var inbox = app.CreateHttpClient("mail", "http");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var messages = JsonDocument.Parse(await inbox.GetStringAsync(new Uri("/api/messages?pageSize=200", UriKind.Relative), cancellationToken));
            var found = messages.RootElement.GetProperty("results").EnumerateArray()
                .FirstOrDefault(m => m.GetProperty("subject").GetString()?.Contains(subject, StringComparison.Ordinal) == true
                                     && m.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetString(), email, StringComparison.OrdinalIgnoreCase)));
            if (found.ValueKind == JsonValueKind.Object)
            {
                var id = found.GetProperty("id").GetString();
                return (await inbox.GetStringAsync(new Uri($"/api/messages/{id}/plaintext", UriKind.Relative), cancellationToken),
                        await inbox.GetStringAsync(new Uri($"/api/messages/{id}/raw", UriKind.Relative), cancellationToken));
            }

            Assert.True(DateTime.UtcNow < deadline, $"No mail to {email} about \"{subject}\" in smtp4dev.");
            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>The token a verification link carries.</summary>
    public static string TokenOf(Uri link) => Uri.UnescapeDataString(link.Query["?token=".Length..]);

    [GeneratedRegex(@"https?://\S+/verify-email\?token=\S+")]
    private static partial Regex VerifyEmailLink();
}
