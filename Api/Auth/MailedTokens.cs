using System.Buffers.Text;
using System.Security.Cryptography;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Api.Auth;

/// <summary>
/// The single-use tokens mailed to users, and refresh tokens: 32 bytes, base64url (43 characters), and only their
/// SHA-256 in the database, so a copy of the table opens no account. A mailed token is minted when its mail is sent, as
/// the HMAC-SHA256 of the outbox mail's id under a key kept outside the database (<see cref="MailedTokenKey"/>): every
/// attempt at one mail carries the same link, so a duplicate after a crash works as the first one does, and the outbox
/// row holds nothing that opens an account without that key.
/// </summary>
public static class MailedTokens
{
    public const int TokenBytes = 32;

    /// <summary>A random token from the operating system's CSPRNG (refresh tokens, which are not mailed).</summary>
    public static (string Token, byte[] Hash) Create() => FromBytes(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>The token made of <paramref name="bytes"/> (<see cref="TokenBytes"/> of them) and its stored hash.</summary>
    public static (string Token, byte[] Hash) FromBytes(ReadOnlySpan<byte> bytes) => (Base64Url.EncodeToString(bytes), SHA256.HashData(bytes));

    /// <summary>The token of the outbox mail <paramref name="mailId"/>, and its hash as stored.</summary>
    public static (string Token, byte[] Hash) For(MailedTokenKey key, Guid mailId)
    {
        Span<byte> id = stackalloc byte[16];
        mailId.TryWriteBytes(id, bigEndian: true, out _);
        return FromBytes(HMACSHA256.HashData(key.Bytes, id));
    }

    /// <summary>The stored hash of <paramref name="token"/>, or null when it cannot be one of ours.</summary>
    public static byte[]? HashOf(string? token) => BytesOf(token) is { } bytes ? SHA256.HashData(bytes) : null;

    /// <summary>The bytes <paramref name="token"/> stands for, or null when it cannot be one of ours.</summary>
    public static byte[]? BytesOf(string? token)
    {
        if (token is null || token.Length != AccountRules.TokenLength)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[TokenBytes + 2];
        return Base64Url.TryDecodeFromChars(token, bytes, out var written) && written == TokenBytes
            ? bytes[..written].ToArray()
            : null;
    }
}
