using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Api.Auth;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Listings;

/// <summary>Where a page ended: the last listing's sort keys.</summary>
public sealed record ListingPosition(DateTimeOffset CreatedAt, decimal Price, long Id);

/// <summary>
/// The opaque <c>cursor</c> of the listings search: the last listing's keys and the sort they belong to, authenticated
/// with HMAC-SHA256, so that a cursor the Api did not issue (or one issued for another sort) is refused, not trusted.
/// The key is derived from <c>Jwt:SigningKey</c>; rotating that key also retires the cursors in flight.
/// </summary>
public sealed class ListingCursors(IOptions<JwtOptions> jwt)
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + 1 + 8 + 16 + 8;
    private const int TagLength = 16;

    private readonly byte[] _key = HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(jwt.Value.SigningKey),
        outputLength: 32,
        info: "Marketplace.Api listing cursor v1"u8.ToArray());

    public string Create(ListingSort sort, ListingPosition position)
    {
        Span<byte> cursor = stackalloc byte[PayloadLength + TagLength];
        cursor[0] = Version;
        cursor[1] = (byte)sort;
        BinaryPrimitives.WriteInt64BigEndian(cursor[2..], position.CreatedAt.UtcTicks);
        Span<int> price = stackalloc int[4];
        decimal.GetBits(position.Price, price);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(cursor[(10 + (i * 4))..], price[i]);
        }

        BinaryPrimitives.WriteInt64BigEndian(cursor[26..], position.Id);
        HMACSHA256.HashData(_key, cursor[..PayloadLength])[..TagLength].CopyTo(cursor[PayloadLength..]);
        return Base64Url.EncodeToString(cursor);
    }

    /// <summary>The position in <paramref name="cursor"/>, or null when it is malformed, forged, or was made for another sort.</summary>
    public ListingPosition? Read(string cursor, ListingSort sort)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength + TagLength];
        if (cursor.Length != Base64Url.GetEncodedLength(bytes.Length)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written)
            || written != bytes.Length)
        {
            return null;
        }

        Span<byte> tag = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes[..PayloadLength], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag[..TagLength], bytes[PayloadLength..])
            || bytes[0] != Version
            || bytes[1] != (byte)sort)
        {
            return null;
        }

        Span<int> price = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            price[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(10 + (i * 4))..]);
        }

        return new ListingPosition(
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(bytes[2..]), TimeSpan.Zero),
            new decimal(price),
            BinaryPrimitives.ReadInt64BigEndian(bytes[26..]));
    }
}
