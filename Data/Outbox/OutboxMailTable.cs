using Marketplace.Data.Entities;
using Npgsql;

namespace Marketplace.Data.Outbox;

/// <summary>
/// The one owner of the <c>OutboxMail</c> table's SQL beyond EF Core's inserts: the senders' claim and marks, the purge
/// and the dead-mail list. A sender claims one due row at a time in a transaction of its own (<c>FOR UPDATE SKIP
/// LOCKED</c>: concurrent senders take different rows and never wait on each other), keeps the row locked while it sends,
/// and marks it in that transaction; a sender that dies leaves the row to the next (its transaction rolls back).
/// </summary>
public static class OutboxMailTable
{
    private const string Columns = """
        "Id", "Kind", "UserId", "ToAddress", "ReplyTo", "Subject", "TextBody", "HtmlBody", "CreatedAt", "DueAt", "ExpiresAt", "Attempts", "SavedSearchId"
        """;

    /// <summary>Whether any pending mail is due at <paramref name="now"/> (one probe of the pending index).</summary>
    public static async Task<bool> HasDueAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """SELECT EXISTS (SELECT 1 FROM "OutboxMail" WHERE "State" = 'pending' AND "DueAt" <= @now)""");
        command.Parameters.AddWithValue("now", now);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The soonest-due pending mail no other sender holds, locked until <paramref name="transaction"/> ends; null when there is none.</summary>
    public static async Task<OutboxMail?> ClaimNextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT {Columns} FROM "OutboxMail"
            WHERE "State" = 'pending' AND "DueAt" <= @now
            ORDER BY "DueAt"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """, connection, transaction);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new OutboxMail
        {
            Id = reader.GetGuid(0),
            Kind = reader.GetFieldValue<OutboxMailKind>(1),
            State = OutboxMailState.Pending,
            UserId = reader.IsDBNull(2) ? null : reader.GetGuid(2),
            ToAddress = reader.GetString(3),
            ReplyTo = reader.IsDBNull(4) ? null : reader.GetString(4),
            Subject = reader.IsDBNull(5) ? null : reader.GetString(5),
            TextBody = reader.IsDBNull(6) ? null : reader.GetString(6),
            HtmlBody = reader.IsDBNull(7) ? null : reader.GetString(7),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(8),
            DueAt = reader.GetFieldValue<DateTimeOffset>(9),
            ExpiresAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            Attempts = reader.GetInt32(11),
            SavedSearchId = reader.IsDBNull(12) ? null : reader.GetInt64(12),
        };
    }

    /// <summary>
    /// Whether a newer verification or email-change mail for the same account exists: it replaces this one (only the
    /// newest link works), so this one is dropped rather than sent.
    /// </summary>
    public static async Task<bool> IsReplacedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (
                SELECT 1 FROM "OutboxMail"
                WHERE "UserId" = @user AND "Kind" IN ('verification', 'email_change') AND ("CreatedAt", "Id") > (@created, @id))
            """, connection, transaction);
        command.Parameters.AddWithValue("user", mail.UserId ?? Guid.Empty);
        command.Parameters.AddWithValue("created", mail.CreatedAt);
        command.Parameters.AddWithValue("id", mail.Id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static Task MarkSentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(connection, transaction, """
            UPDATE "OutboxMail" SET "State" = 'sent', "CompletedAt" = @now WHERE "Id" = @id
            """, id, cancellationToken, ("now", now));

    public static Task MarkDroppedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, DateTimeOffset now, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(connection, transaction, """
            UPDATE "OutboxMail" SET "State" = 'dropped', "CompletedAt" = @now, "Detail" = @detail WHERE "Id" = @id
            """, id, cancellationToken, ("now", now), ("detail", Cut(reason)));

    /// <summary>A failed attempt with attempts to spare: the mail stays pending, due again at <paramref name="dueAt"/>.</summary>
    public static Task MarkFailedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, int attempts, DateTimeOffset dueAt, string detail, CancellationToken cancellationToken) =>
        UpdateAsync(connection, transaction, """
            UPDATE "OutboxMail" SET "Attempts" = @attempts, "DueAt" = @due, "Detail" = @detail WHERE "Id" = @id
            """, id, cancellationToken, ("attempts", attempts), ("due", dueAt), ("detail", Cut(detail)));

    public static Task MarkDeadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, int attempts, DateTimeOffset now, string detail, CancellationToken cancellationToken) =>
        UpdateAsync(connection, transaction, """
            UPDATE "OutboxMail" SET "State" = 'dead', "Attempts" = @attempts, "CompletedAt" = @now, "Detail" = @detail WHERE "Id" = @id
            """, id, cancellationToken, ("attempts", attempts), ("now", now), ("detail", Cut(detail)));

    /// <summary>Deletes mails sent, given up on or dropped before <paramref name="cutoff"/>, <paramref name="batch"/> rows a statement; the number deleted.</summary>
    public static async Task<long> PurgeAsync(NpgsqlDataSource dataSource, DateTimeOffset cutoff, int batch, CancellationToken cancellationToken)
    {
        long deleted = 0;
        int affected;
        do
        {
            await using var command = dataSource.CreateCommand("""
                DELETE FROM "OutboxMail" WHERE "Id" IN (
                    SELECT "Id" FROM "OutboxMail" WHERE "CompletedAt" IS NOT NULL AND "CompletedAt" < @cutoff LIMIT @batch)
                """);
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("batch", batch);
            affected = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += affected;
        }
        while (affected == batch);
        return deleted;
    }

    /// <summary>Every mail given up on and not yet purged, most recent first.</summary>
    public static async Task<IReadOnlyList<DeadMail>> ListDeadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "Id", "Kind", "ToAddress", "CreatedAt", "CompletedAt", "Attempts", "Detail" FROM "OutboxMail"
            WHERE "State" = 'dead' AND "CompletedAt" IS NOT NULL
            ORDER BY "CompletedAt" DESC
            """);
        var dead = new List<DeadMail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dead.Add(new DeadMail(
                reader.GetGuid(0),
                reader.GetFieldValue<OutboxMailKind>(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return dead;
    }

    private static async Task UpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid id, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Cut(string text) => text.Length <= OutboxMail.DetailMaxLength ? text : text[..(OutboxMail.DetailMaxLength - 1)] + "…";
}
