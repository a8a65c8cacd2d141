using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// The sealing behind the Api's opaque page cursors: a payload and a 16-byte HMAC-SHA256 tag, base64url. The key is
/// derived from <c>Jwt:SigningKey</c> per purpose, so a cursor made for one list is refused by another, and rotating
/// that key also retires the cursors in flight.
/// </summary>
public sealed class SignedCursors(string signingKey, string purpose)
{
    private const int TagLength = 16;

    private readonly byte[] _key = HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(signingKey),
        outputLength: 32,
        info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>The cursor for <paramref name="payload"/>.</summary>
    public string Seal(ReadOnlySpan<byte> payload)
    {
        Span<byte> cursor = stackalloc byte[payload.Length + TagLength];
        payload.CopyTo(cursor);
        HMACSHA256.HashData(_key, payload)[..TagLength].CopyTo(cursor[payload.Length..]);
        return Base64Url.EncodeToString(cursor);
    }

    /// <summary>Fills <paramref name="payload"/> from <paramref name="cursor"/>; false when it is malformed or was not sealed here.</summary>
    public bool TryOpen(string cursor, Span<byte> payload)
    {
        Span<byte> bytes = stackalloc byte[payload.Length + TagLength];
        if (cursor.Length != Base64Url.GetEncodedLength(bytes.Length)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written)
            || written != bytes.Length)
        {
            return false;
        }

        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..payload.Length], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag[..TagLength], bytes[payload.Length..]))
        {
            return false;
        }

        bytes[..payload.Length].CopyTo(payload);
        return true;
    }
}
