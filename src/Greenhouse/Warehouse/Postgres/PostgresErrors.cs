using System.Net.Sockets;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>Turns driver errors into messages that say what to fix. Built from settings, never holding the password.</summary>
internal static class PostgresErrors
{
    public static WarehouseException Translate(Exception ex, NpgsqlConnectionStringBuilder settings)
    {
        var at = $"{settings.Host}:{settings.Port}";
        var database = settings.Database ?? settings.Username;
        return ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => new WarehouseException(
                $"PostgreSQL rejected the password for user '{settings.Username}' at {at}/{database}. Check the user and password in the warehouse setting.", ex),
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } pg => new WarehouseException(
                $"PostgreSQL refused user '{settings.Username}' at {at}/{database}: {pg.MessageText}", ex),
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => new WarehouseException(
                $"Database '{database}' does not exist at {at}. Create it (createdb {database}) or fix the warehouse setting.", ex),
            PostgresException pg => new WarehouseException(
                $"PostgreSQL at {at}/{database} failed: {pg.SqlState}: {pg.MessageText}", ex) { Unreachable = true },
            NpgsqlException { InnerException: TimeoutException } when !ex.Message.StartsWith("Failed to connect", StringComparison.Ordinal) => new WarehouseException(
                $"PostgreSQL at {at}/{database} did not finish a statement within the command timeout ({settings.CommandTimeout} s); " +
                "the statement was cancelled and its transaction rolled back. Raise it with Command Timeout=… in the warehouse setting if the tables are very large.", ex),
            NpgsqlException or SocketException or TimeoutException or IOException => new WarehouseException(
                $"Cannot connect to PostgreSQL at {at} ({Reason(ex)}). Is the server running and is the warehouse setting right?", ex) { Unreachable = true },
            _ => new WarehouseException($"PostgreSQL at {at}/{database} failed: {ex.Message}", ex) { Unreachable = true },
        };
    }

    private static string Reason(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return "host not found";
                case SocketException socket:
                    return socket.SocketErrorCode.ToString();
                case TimeoutException:
                    return "timed out";
                default:
                    break;
            }
        }

        return ex.Message;
    }
}
