using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Api.Auth;

/// <summary>
/// The secrets handed to a user once (refresh tokens, reset links): 32 random bytes, base64url, of which only the
/// SHA-256 is stored, so a copy of the database holds nothing that works.
/// </summary>
public static class SecretTokens
{
    public const int ByteLength = 32;

    /// <summary>The base64url text of 32 bytes, 43 characters; a longer one cannot be ours.</summary>
    public const int TextLength = 43;

    /// <summary>A new token and the hash to store for it.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ByteLength));
        return (token, Hash(token));
    }

    /// <summary>The stored form of whatever a client sent; any text hashes, so a malformed token simply matches nothing.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
