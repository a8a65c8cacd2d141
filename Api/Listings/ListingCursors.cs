using System.Buffers.Binary;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Listings;

/// <summary>Where a page ended: the last listing's sort keys.</summary>
public sealed record ListingPosition(DateTimeOffset CreatedAt, decimal Price, long Id);

/// <summary>
/// The opaque <c>cursor</c> of the listings search: the last listing's keys and the sort they belong to, sealed by
/// <see cref="SignedCursors"/>, so that a cursor the Api did not issue (or one issued for another sort) is refused, not trusted.
/// </summary>
public sealed class ListingCursors(IOptions<JwtOptions> jwt)
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + 1 + 8 + 16 + 8;

    private readonly SignedCursors _sealing = new(jwt.Value.SigningKey, "Marketplace.Api listing cursor v1");

    public string Create(ListingSort sort, ListingPosition position)
    {
        Span<byte> cursor = stackalloc byte[PayloadLength];
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
        return _sealing.Seal(cursor);
    }

    /// <summary>The position in <paramref name="cursor"/>, or null when it is malformed, forged, or was made for another sort.</summary>
    public ListingPosition? Read(string cursor, ListingSort sort)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength];
        if (!_sealing.TryOpen(cursor, bytes) || bytes[0] != Version || bytes[1] != (byte)sort)
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
