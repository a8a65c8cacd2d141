using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Contracts.Accounts;

/// <summary>
/// The passwords nobody may choose: the <see cref="Size"/> most common of 8 characters or more in SecLists' list of
/// breached passwords (tools/common-passwords/README.md says where it comes from and how to rebuild it). Held as the
/// sorted first 5 bytes of each one's SHA-256, an embedded resource of 500 KB read on first use; ASCII letters compare
/// without case, so "Password123" is as common as "password123". The Api, the Web's forms and the worker's create-admin
/// all ask here.
/// </summary>
public static class CommonPasswords
{
    /// <summary>How many passwords the set holds.</summary>
    public const int Size = 100_000;

    private const int KeyBytes = 5;
    private const string ResourceName = "Marketplace.Contracts.Accounts.common-passwords.bin";

    private static readonly Lazy<ulong[]> Keys = new(Load);

    /// <summary>Whether <paramref name="password"/> is one of the common passwords.</summary>
    public static bool Contains(string? password) =>
        !string.IsNullOrEmpty(password) && Array.BinarySearch(Keys.Value, KeyOf(password)) >= 0;

    /// <summary>How many keys the embedded set holds (<see cref="Size"/> unless two passwords shared one).</summary>
    public static int Count => Keys.Value.Length;

    private static ulong KeyOf(string password)
    {
        var lowered = string.Create(password.Length, password, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(lowered), hash);
        return ReadKey(hash);
    }

    private static ulong ReadKey(ReadOnlySpan<byte> bytes)
    {
        Span<byte> padded = stackalloc byte[sizeof(ulong)];
        bytes[..KeyBytes].CopyTo(padded[(sizeof(ulong) - KeyBytes)..]);
        return BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    private static ulong[] Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.Length % KeyBytes != 0)
        {
            throw new InvalidOperationException($"{ResourceName} has {bytes.Length} bytes, not a whole number of {KeyBytes}-byte keys.");
        }

        // Written sorted by tools/common-passwords/build.py, so a binary search needs no sort here.
        var keys = new ulong[bytes.Length / KeyBytes];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ReadKey(bytes.AsSpan(i * KeyBytes, KeyBytes));
        }

        return keys;
    }
}
