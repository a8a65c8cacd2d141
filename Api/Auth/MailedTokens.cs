using System.Buffers.Text;
using System.Security.Cryptography;
using Marketplace.Contracts.Accounts;

namespace Marketplace.Api.Auth;

/// <summary>
/// The single-use tokens mailed to users: 32 random bytes from the operating system's CSPRNG, base64url in the link
/// (43 characters), and only their SHA-256 in the database, so a copy of the table opens no account.
/// </summary>
public static class MailedTokens
{
    public const int TokenBytes = 32;

    public static (string Token, byte[] Hash) Create() => FromBytes(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>The token made of <paramref name="bytes"/> (<see cref="TokenBytes"/> of them) and its stored hash.</summary>
    public static (string Token, byte[] Hash) FromBytes(ReadOnlySpan<byte> bytes) => (Base64Url.EncodeToString(bytes), SHA256.HashData(bytes));

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
