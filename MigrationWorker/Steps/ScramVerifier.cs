using System.Security.Cryptography;
using System.Text;

namespace Marketplace.MigrationWorker.Steps;

/// <summary>
/// A password as PostgreSQL stores it for SCRAM-SHA-256 authentication (RFC 5802, RFC 7677), computed here as psql's
/// \password does: <c>CREATE ROLE ... PASSWORD</c> given this verifier stores it as it is, so the password itself never
/// travels to the server nor lands in its log (a failed statement is logged with its text).
/// </summary>
public static class ScramVerifier
{
    /// <summary>PostgreSQL's own default (scram_iterations).</summary>
    public const int Iterations = 4096;

    private const int SaltBytes = 16;

    /// <summary><c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c>, base64, with a fresh random salt.</summary>
    /// <param name="password">Printable ASCII (the settings' rule), which SASLprep leaves as it is.</param>
    public static string Create(string password) => Create(password, RandomNumberGenerator.GetBytes(SaltBytes), Iterations);

    /// <summary>The verifier for a given salt and iteration count: the same bytes PostgreSQL derives from the password.</summary>
    public static string Create(string password, byte[] salt, int iterations)
    {
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
