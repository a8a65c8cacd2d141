using System.Buffers.Binary;
using Marketplace.Api.Auth;
using Marketplace.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Admin;

/// <summary>
/// The opaque <c>cursor</c> of the admins' account list, paged newest first on (CreatedAt, Id) where the id is a GUID
/// (<see cref="NewestFirstCursors"/> holds a number), sealed by <see cref="SignedCursors"/> with a key of its own.
/// </summary>
public sealed class AdminUserCursors(IOptions<JwtOptions> jwt)
{
    private const string Purpose = "Marketplace.Api admin users cursor v1";
    private const byte Version = 1;
    private const int PayloadLength = 1 + 8 + 16;

    private readonly SignedCursors _sealing = new(jwt.Value.SigningKey, Purpose);

    public string Create(DateTimeOffset createdAt, Guid id)
    {
        Span<byte> cursor = stackalloc byte[PayloadLength];
        cursor[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(cursor[1..], createdAt.UtcTicks);
        id.TryWriteBytes(cursor[9..], bigEndian: true, out _);
        return _sealing.Seal(cursor);
    }

    /// <summary>The position in <paramref name="cursor"/>, or null when it is malformed or forged.</summary>
    public (DateTimeOffset CreatedAt, Guid Id)? Read(string cursor)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength];
        if (!_sealing.TryOpen(cursor, bytes) || bytes[0] != Version)
        {
            return null;
        }

        return (new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), TimeSpan.Zero), new Guid(bytes[9..], bigEndian: true));
    }
}
