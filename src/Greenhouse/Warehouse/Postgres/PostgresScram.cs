using System.Security.Cryptography;
using System.Text;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>
/// A SCRAM-SHA-256 password verifier as PostgreSQL stores it (RFC 5802/7677; the form <c>psql</c>'s <c>\password</c> sends),
/// so <c>CREATE ROLE … PASSWORD</c> never carries the password itself into the server's statement log.
/// Passwords are taken as UTF-8 without SASLprep, which is the same for ASCII.
/// </summary>
internal static class PostgresScram
{
    private const int Iterations = 4096;

    public static string Verifier(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
