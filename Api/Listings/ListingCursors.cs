using System.Buffers.Binary;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Listings;

/// <summary>Where a page ended: the last listing's sort keys.</summary>
public sealed record ListingPosition(DateTimeOffset CreatedAt, decimal Price, long Id);

/// <summary>
/// The opaque <c>cursor</c> of the listings search: a listing's keys, the sort they belong to and the direction, sealed by
/// <see cref="SignedCursors"/>, so that a cursor the Api did not issue (or one issued for another sort) is refused, not trusted.
/// </summary>
/// <remarks>
/// A cursor to the page after a listing is version 1, byte for byte what the previous release issued and reads, so
/// that during a rolling deploy either release reads the other's next-page cursors. A cursor to the page before a
/// listing is version 2, which only this release issues and reads.
/// </remarks>
public sealed class ListingCursors(IOptions<JwtOptions> jwt)
{
    private const byte AfterVersion = 1;
    private const byte BeforeVersion = 2;
    private const int PayloadLength = 1 + 1 + 8 + 16 + 8;

    private readonly SignedCursors _sealing = new(jwt.Value.SigningKey, "Marketplace.Api listing cursor v1");

    /// <summary>The cursor of the page after <paramref name="position"/>, or with <paramref name="before"/> the page before it.</summary>
    public string Create(ListingSort sort, ListingPosition position, bool before = false)
    {
        Span<byte> cursor = stackalloc byte[PayloadLength];
        cursor[0] = before ? BeforeVersion : AfterVersion;
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

    /// <summary>
    /// The position in <paramref name="cursor"/> and whether the page wanted is the one before it; a null position when
    /// the cursor is malformed, forged, or was made for another sort.
    /// </summary>
    public (ListingPosition? Position, bool Before) Read(string cursor, ListingSort sort)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength];
        if (!_sealing.TryOpen(cursor, bytes) || bytes[0] is not (AfterVersion or BeforeVersion) || bytes[1] != (byte)sort)
        {
            return (null, false);
        }

        Span<int> price = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            price[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(10 + (i * 4))..]);
        }

        var position = new ListingPosition(
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(bytes[2..]), TimeSpan.Zero),
            new decimal(price),
            BinaryPrimitives.ReadInt64BigEndian(bytes[26..]));
        return (position, bytes[0] == BeforeVersion);
    }
}
