using System.Net;
using Marketplace.Api.Auth;
using Marketplace.Api.SavedSearches;
using Marketplace.Data;
using Marketplace.Data.Entities;
using Marketplace.Data.Outbox;
using Npgsql;

namespace Marketplace.Api.Mail;

/// <summary>
/// Turns a claimed outbox row into the mail to send: a message as it was stored; a verification, reset or revert mail with its
/// link minted now (<see cref="MailedTokens.For"/>, the same on every attempt) and its token's hash stored, unless the
/// mail is to be dropped. The token is committed before the mail is sent, in a transaction of its own, so a link is
/// never followed before it works; minting it again on a retry stores nothing new, and a token whose mail never went
/// out opens nothing (only the key outside the database makes it). A link lives from when its mail was asked for (the
/// row's CreatedAt), however late the mail goes out; its text says what is left.
/// </summary>
public sealed class OutboxMailComposer(NpgsqlDataSource dataSource, AccountMails accountMails, MailedTokenKey tokenKey, AlertLinks alertLinks)
{
    /// <summary>The mail to send, or why it is dropped.</summary>
    public async Task<(EmailMessage? Message, MailDrop? Drop)> ComposeAsync(OutboxMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (mail.Kind == OutboxMailKind.Message)
        {
            var message = new EmailMessage(mail.ToAddress, mail.Subject ?? "", mail.TextBody ?? "", mail.HtmlBody ?? "", mail.ReplyTo);
            return mail.SavedSearchId is { } savedSearchId ? await AlertAsync(message, savedSearchId, cancellationToken) : (message, null);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var composed = mail.Kind switch
        {
            OutboxMailKind.PasswordReset => await PasswordResetAsync(connection, transaction, mail, now, cancellationToken),
            OutboxMailKind.EmailChangeRevert => await EmailChangeRevertAsync(connection, transaction, mail, now, cancellationToken),
            _ => await VerificationAsync(connection, transaction, mail, now, cancellationToken),
        };
        await transaction.CommitAsync(cancellationToken);
        return composed;
    }

    private async Task<(EmailMessage?, MailDrop?)> VerificationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = mail.UserId ?? throw new InvalidOperationException($"Outbox mail {mail.Id} is a verification mail without an account.");

        // One replica at a time per account, until this transaction ends: the newest-link rule below holds across replicas.
        await using (var lockAccount = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@user::text))", connection, transaction))
        {
            lockAccount.Parameters.AddWithValue("class", AdvisoryLockKeys.VerificationMailClass);
            lockAccount.Parameters.AddWithValue("user", userId);
            await lockAccount.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await OutboxMailTable.IsReplacedAsync(connection, transaction, mail, cancellationToken))
        {
            return (null, MailDrop.Replaced);
        }

        await using var read = new NpgsqlCommand(
            """SELECT "NormalizedEmail", "DisplayName", "EmailVerifiedAt" IS NOT NULL FROM "User" WHERE "Id" = @user""", connection, transaction);
        read.Parameters.AddWithValue("user", userId);
        string normalizedEmail, displayName;
        bool verified;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, MailDrop.NoAccount);
            }

            (normalizedEmail, displayName, verified) = (reader.GetString(0), reader.GetString(1), reader.GetBoolean(2));
        }

        if (verified && normalizedEmail == User.NormalizeEmail(mail.ToAddress))
        {
            return (null, MailDrop.AlreadyVerified);
        }

        var (token, hash) = MailedTokens.For(tokenKey, mail.Id);
        // Only the newest link works: the account's other unused links go as this one is stored.
        await using var store = new NpgsqlCommand("""
            DELETE FROM "VerificationToken" WHERE "UserId" = @user AND "UsedAt" IS NULL AND "TokenHash" <> @hash;
            INSERT INTO "VerificationToken" ("UserId", "TokenHash", "Email", "ExpiresAt", "CreatedAt")
            VALUES (@user, @hash, @email, @expires, @created)
            ON CONFLICT ("TokenHash") DO NOTHING;
            """, connection, transaction);
        store.Parameters.AddWithValue("user", userId);
        store.Parameters.AddWithValue("hash", hash);
        store.Parameters.AddWithValue("email", mail.ToAddress);
        store.Parameters.AddWithValue("expires", mail.ExpiresAt!.Value);
        store.Parameters.AddWithValue("created", mail.CreatedAt);
        await store.ExecuteNonQueryAsync(cancellationToken);

        var left = mail.ExpiresAt!.Value - now;
        return (mail.Kind == OutboxMailKind.Verification
            ? accountMails.Verification(mail.ToAddress, displayName, token, left)
            : accountMails.EmailChange(mail.ToAddress, displayName, token, left), null);
    }

    /// <summary>
    /// A saved search's alert, unless the search was deleted or its alerts stopped since it was queued (an unsubscribe
    /// stops what is queued too), with its unsubscribe link minted now: in the bodies and in the List-Unsubscribe headers.
    /// </summary>
    private async Task<(EmailMessage?, MailDrop?)> AlertAsync(EmailMessage message, long savedSearchId, CancellationToken cancellationToken)
    {
        // As text: the enum type is read whatever types this data source loaded.
        await using var read = dataSource.CreateCommand("""SELECT "Alerts"::text <> 'off' FROM "SavedSearch" WHERE "Id" = @id""");
        read.Parameters.AddWithValue("id", savedSearchId);
        if (await read.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return (null, MailDrop.Unsubscribed);
        }

        var unsubscribe = alertLinks.Unsubscribe(savedSearchId);
        return (message with
        {
            TextBody = message.TextBody.Replace(AlertLinks.UnsubscribePlaceholder, unsubscribe.AbsoluteUri, StringComparison.Ordinal),
            HtmlBody = message.HtmlBody.Replace(AlertLinks.UnsubscribePlaceholder, WebUtility.HtmlEncode(unsubscribe.AbsoluteUri), StringComparison.Ordinal),
            ListUnsubscribe = unsubscribe,
        }, null);
    }

    private async Task<(EmailMessage?, MailDrop?)> EmailChangeRevertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = mail.UserId ?? throw new InvalidOperationException($"Outbox mail {mail.Id} is a revert mail without an account.");
        await using var read = new NpgsqlCommand(
            """SELECT "Email", "DisplayName", "DeletedAt" IS NOT NULL FROM "User" WHERE "Id" = @user""", connection, transaction);
        read.Parameters.AddWithValue("user", userId);
        string email, displayName;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, MailDrop.NoAccount);
            }

            if (reader.GetBoolean(2))
            {
                return (null, MailDrop.AccountDeleted);
            }

            (email, displayName) = (reader.GetString(0), reader.GetString(1));
        }

        // Dated when the address changed (the row's CreatedAt): a revert ends the links mailed after its own.
        var (token, hash) = MailedTokens.For(tokenKey, mail.Id);
        await using var store = new NpgsqlCommand("""
            INSERT INTO "EmailChangeRevertToken" ("UserId", "TokenHash", "Email", "ExpiresAt", "CreatedAt")
            VALUES (@user, @hash, @email, @expires, @created)
            ON CONFLICT ("TokenHash") DO NOTHING
            """, connection, transaction);
        store.Parameters.AddWithValue("user", userId);
        store.Parameters.AddWithValue("hash", hash);
        store.Parameters.AddWithValue("email", mail.ToAddress);
        store.Parameters.AddWithValue("expires", mail.ExpiresAt!.Value);
        store.Parameters.AddWithValue("created", mail.CreatedAt);
        await store.ExecuteNonQueryAsync(cancellationToken);
        return (accountMails.EmailChangeRevert(mail.ToAddress, displayName, email, token, mail.ExpiresAt!.Value - now), null);
    }

    private async Task<(EmailMessage?, MailDrop?)> PasswordResetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, OutboxMail mail, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (token, hash) = MailedTokens.For(tokenKey, mail.Id);
        // One statement finds the account with the address asked for and stores the link's hash for it (no row when none has it).
        await using var store = new NpgsqlCommand("""
            WITH account AS (
                SELECT "Id", "Email", "DisplayName" FROM "User" WHERE "NormalizedEmail" = @normalized
            ), stored AS (
                INSERT INTO "PasswordResetToken" ("UserId", "TokenHash", "ExpiresAt", "CreatedAt")
                SELECT "Id", @hash, @expires, @created FROM account
                ON CONFLICT ("TokenHash") DO NOTHING
            )
            SELECT "Email", "DisplayName" FROM account
            """, connection, transaction);
        store.Parameters.AddWithValue("normalized", User.NormalizeEmail(mail.ToAddress));
        store.Parameters.AddWithValue("hash", hash);
        store.Parameters.AddWithValue("expires", mail.ExpiresAt!.Value);
        store.Parameters.AddWithValue("created", mail.CreatedAt);
        await using var reader = await store.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, MailDrop.NoAccount);
        }

        // To the address as the account has it, whatever case it was asked in.
        var message = accountMails.PasswordReset(reader.GetString(0), reader.GetString(1), token, mail.ExpiresAt!.Value - now);
        await reader.CloseAsync();
        return (message, null);
    }
}
