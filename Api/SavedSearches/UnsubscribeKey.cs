using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Api.Auth;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.SavedSearches;

/// <summary>
/// The key unsubscribe links are signed with, derived from <c>Jwt:SigningKey</c> for this one purpose (as
/// <see cref="MailedTokenKey"/> is for mailed tokens): every replica has it, the database never does, and a link signed
/// with it stops one saved search's alerts and opens nothing else (it signs nobody in).
/// </summary>
public sealed class UnsubscribeKey(IOptions<JwtOptions> jwt)
{
    private const int MacLength = 32;

    /// <summary>The length of a token: 32 bytes in base64url without padding.</summary>
    public const int TokenLength = 43;

    private readonly Lazy<byte[]> _bytes = new(() => HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(jwt.Value.SigningKey),
        outputLength: 32,
        info: "marketplace saved-search unsubscribe"u8.ToArray()));

    /// <summary>The token of <paramref name="savedSearchId"/>'s unsubscribe link: the HMAC-SHA256 of its id, base64url.</summary>
    public string TokenFor(long savedSearchId) => Base64Url.EncodeToString(Mac(savedSearchId));

    /// <summary>Whether <paramref name="token"/> is <paramref name="savedSearchId"/>'s, compared in constant time.</summary>
    public bool Verifies(long savedSearchId, string token)
    {
        // Only a token of our length and alphabet is decoded: the decoder throws on anything else (a 500 for a link
        // someone typed), and it would skip whitespace.
        Span<byte> given = stackalloc byte[MacLength + 2];
        return token.Length == TokenLength
            && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            && Base64Url.TryDecodeFromChars(token, given, out var written)
            && written == MacLength
            && CryptographicOperations.FixedTimeEquals(given[..MacLength], Mac(savedSearchId));
    }

    private byte[] Mac(long savedSearchId)
    {
        var label = "saved-search:"u8;
        Span<byte> message = stackalloc byte[label.Length + 8];
        label.CopyTo(message);
        BinaryPrimitives.WriteInt64BigEndian(message[label.Length..], savedSearchId);
        return HMACSHA256.HashData(_bytes.Value, message);
    }
}
