using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiNow.Data;

/// <summary>
/// Builds the SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, the format of
/// <c>pg_authid.rolpassword</c>), so the migrator sends <c>ALTER ROLE ... PASSWORD '&lt;verifier&gt;'</c> and the
/// password itself never reaches the server, its statement log or a trace.
/// </summary>
/// <remarks>
/// PostgreSQL normalises a password with SASLprep before hashing; for printable ASCII, the only passwords
/// <see cref="RuntimeRoleGrants"/> accepts, SASLprep changes nothing, so this verifier is what the server would compute.
/// </remarks>
internal static class ScramVerifier
{
    // PostgreSQL's default scram_iterations.
    private const int Iterations = 4096;
    private const int SaltBytes = 16;

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return string.Create(CultureInfo.InvariantCulture,
            $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
    }
}
