using System.Globalization;

namespace Marketplace.Tests.Support;

/// <summary>What the mail outbox of a test database holds: the rows a cause committed, and where each is in its life.</summary>
public static class OutboxRows
{
    /// <summary>The rows to <paramref name="address"/> (any case) as "kind state", oldest first.</summary>
    public static Task<List<string>> OutboxToAsync(this Db db, string address, CancellationToken cancellationToken) => db.ColumnAsync($"""
        SELECT "Kind"::text || ' ' || "State"::text FROM "OutboxMail"
        WHERE upper("ToAddress") = upper('{address}') ORDER BY "CreatedAt", "Id"
        """, cancellationToken);

    /// <summary>Waits until no row is pending: every mail committed so far was sent, given up on or dropped.</summary>
    public static async Task WaitUntilOutboxSettledAsync(this Db db, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = await db.ScalarAsync<long>("""SELECT count(*) FROM "OutboxMail" WHERE "State" = 'pending'""", cancellationToken);
            if (pending == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, string.Create(CultureInfo.InvariantCulture, $"{pending} outbox mails were still pending after {timeout}."));
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until a mail to <paramref name="address"/> has failed an attempt: it met the mail server being down.</summary>
    public static Task WaitUntilAnAttemptFailedAsync(this Db db, string address, TimeSpan timeout, CancellationToken cancellationToken) => db.WaitUntilAsync(
        $"""EXISTS (SELECT 1 FROM "OutboxMail" WHERE upper("ToAddress") = upper('{address}') AND "Attempts" > 0)""",
        $"a mail to {address} failed an attempt while the mail server was down", timeout, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> (a boolean SQL expression) holds, failing with <paramref name="what"/> after the deadline.</summary>
    public static async Task WaitUntilAsync(this Db db, string condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await db.ScalarAsync<bool>($"SELECT {condition}", cancellationToken))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {timeout}: {what}.");
            await Task.Delay(100, cancellationToken);
        }
    }
}
