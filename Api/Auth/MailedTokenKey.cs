using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Auth;

/// <summary>
/// The key mailed tokens are minted with, derived from <c>Jwt:SigningKey</c> for this one purpose: a secret kept outside
/// the database that the Api has anyway. Whoever holds the signing key can sign access tokens for any account already,
/// so minting links with a key derived from it gives nothing more away. Rotating the signing key changes the links of
/// mails not yet sent; links already mailed keep working (only their hashes are stored).
/// </summary>
public sealed class MailedTokenKey(IOptions<JwtOptions> jwt)
{
    private readonly Lazy<byte[]> _bytes = new(() => HKDF.DeriveKey(
        HashAlgorithmName.SHA256,
        Encoding.UTF8.GetBytes(jwt.Value.SigningKey),
        outputLength: 32,
        info: "marketplace mailed tokens"u8.ToArray()));

    public byte[] Bytes => _bytes.Value;
}
