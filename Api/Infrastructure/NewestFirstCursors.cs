using System.Buffers.Binary;
using Marketplace.Api.Auth;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// The opaque <c>cursor</c> of a list paged newest first on (CreatedAt, Id), sealed by <see cref="SignedCursors"/> with a
/// key of the list's own: a cursor the Api did not issue, or one issued for another list, is refused. One keyed
/// singleton per list (<see cref="AuditLog"/>, <see cref="MyListings"/>, <see cref="Reports"/>, ...); a list in another
/// order (the report queue, oldest first) uses the same position, (a time, an id), under a key of its own. A cursor to the page after
/// a position is version 1, as the previous release issued and reads it; one to the page before a position (lists that
/// page both ways) is version 2.
/// </summary>
public sealed class NewestFirstCursors(string signingKey, string purpose)
{
    public const string AuditLog = "Marketplace.Api audit log cursor v1";
    public const string MyListings = "Marketplace.Api my listings cursor v1";
    public const string Reports = "Marketplace.Api listing reports cursor v1";
    public const string AdminListings = "Marketplace.Api admin listings cursor v1";

    /// <summary>The admins' report queue, oldest case first: the position is the case's first report's time and its subject's id.</summary>
    public const string ReportQueueOldest = "Marketplace.Api report queue oldest first cursor v1";

    /// <summary>The admins' report queue, newest case first: the position is the case's last report's time and its subject's id.</summary>
    public const string ReportQueueNewest = "Marketplace.Api report queue newest first cursor v1";

    public const string ConversationReports = "Marketplace.Api conversation reports cursor v1";
    public const string Inbox = "Marketplace.Api inbox cursor v1";
    public const string Favourites = "Marketplace.Api favourites cursor v1";

    private const byte AfterVersion = 1;
    private const byte BeforeVersion = 2;
    private const int PayloadLength = 1 + 8 + 8;

    private readonly SignedCursors _sealing = new(signingKey, purpose);

    /// <summary>Registers the cursors of the list named <paramref name="purpose"/>, keyed by that name.</summary>
    public static IServiceCollection AddNewestFirstCursors(IServiceCollection services, string purpose) =>
        services.AddKeyedSingleton(purpose, (provider, _) =>
            new NewestFirstCursors(provider.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey, purpose));

    /// <summary>The cursor of the page after <paramref name="position"/>, or with <paramref name="before"/> the page before it.</summary>
    public string Create(NewestFirstPosition position, bool before = false)
    {
        Span<byte> cursor = stackalloc byte[PayloadLength];
        cursor[0] = before ? BeforeVersion : AfterVersion;
        BinaryPrimitives.WriteInt64BigEndian(cursor[1..], position.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(cursor[9..], position.Id);
        return _sealing.Seal(cursor);
    }

    /// <summary>
    /// The cursor of the page after <paramref name="rows"/>, which a query read as one row more than
    /// <paramref name="pageSize"/> to tell whether another page follows; null when none does.
    /// </summary>
    public string? After<T>(IReadOnlyList<T> rows, int pageSize, Func<T, NewestFirstPosition> positionOf) =>
        rows.Count > pageSize ? Create(positionOf(rows[pageSize - 1])) : null;

    /// <summary>The position in a next-page <paramref name="cursor"/>, or null when it is malformed, forged or not a next-page cursor.</summary>
    public NewestFirstPosition? Read(string cursor) => ReadEither(cursor) is ({ } position, false) ? position : null;

    /// <summary>
    /// The position in <paramref name="cursor"/> and whether the page wanted is the one before it; a null position when
    /// the cursor is malformed or forged.
    /// </summary>
    public (NewestFirstPosition? Position, bool Before) ReadEither(string cursor)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength];
        if (!_sealing.TryOpen(cursor, bytes) || bytes[0] is not (AfterVersion or BeforeVersion))
        {
            return (null, false);
        }

        var position = new NewestFirstPosition(
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), TimeSpan.Zero),
            BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
        return (position, bytes[0] == BeforeVersion);
    }
}
