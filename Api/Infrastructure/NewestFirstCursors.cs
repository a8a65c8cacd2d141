using System.Buffers.Binary;
using Marketplace.Api.Auth;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// The opaque <c>cursor</c> of a list paged newest first on (CreatedAt, Id), sealed by <see cref="SignedCursors"/> with a
/// key of the list's own: a cursor the Api did not issue, or one issued for another list, is refused. One keyed
/// singleton per list (<see cref="AuditLog"/>, <see cref="MyListings"/>, <see cref="Reports"/>).
/// </summary>
public sealed class NewestFirstCursors(string signingKey, string purpose)
{
    public const string AuditLog = "Marketplace.Api audit log cursor v1";
    public const string MyListings = "Marketplace.Api my listings cursor v1";
    public const string Reports = "Marketplace.Api listing reports cursor v1";

    private const byte Version = 1;
    private const int PayloadLength = 1 + 8 + 8;

    private readonly SignedCursors _sealing = new(signingKey, purpose);

    /// <summary>Registers the cursors of the list named <paramref name="purpose"/>, keyed by that name.</summary>
    public static IServiceCollection AddNewestFirstCursors(IServiceCollection services, string purpose) =>
        services.AddKeyedSingleton(purpose, (provider, _) =>
            new NewestFirstCursors(provider.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey, purpose));

    public string Create(NewestFirstPosition position)
    {
        Span<byte> cursor = stackalloc byte[PayloadLength];
        cursor[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(cursor[1..], position.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(cursor[9..], position.Id);
        return _sealing.Seal(cursor);
    }

    /// <summary>The position in <paramref name="cursor"/>, or null when it is malformed or forged.</summary>
    public NewestFirstPosition? Read(string cursor)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength];
        if (!_sealing.TryOpen(cursor, bytes) || bytes[0] != Version)
        {
            return null;
        }

        return new NewestFirstPosition(
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), TimeSpan.Zero),
            BinaryPrimitives.ReadInt64BigEndian(bytes[9..]));
    }
}
