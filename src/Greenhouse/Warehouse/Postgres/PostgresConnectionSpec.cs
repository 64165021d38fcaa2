using System.Data.Common;
using Npgsql;

namespace Greenhouse.Warehouse.Postgres;

/// <summary>Reads a <c>postgresql://</c> URL or an Npgsql connection string into connection settings.</summary>
internal static class PostgresConnectionSpec
{
    private const int ConnectTimeoutSeconds = 5;
    private const int CommandTimeoutSeconds = 300;

    /// <summary>False when the spec is not a PostgreSQL form at all; throws when it is one but malformed.</summary>
    public static bool TryParse(string spec, out NpgsqlConnectionStringBuilder builder)
    {
        if (spec.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || spec.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            builder = FromUrl(spec);
            return true;
        }

        if (spec.Contains('=', StringComparison.Ordinal) && spec.Contains("host", StringComparison.OrdinalIgnoreCase))
        {
            builder = FromConnectionString(spec);
            return true;
        }

        builder = null!;
        return false;
    }

    private static NpgsqlConnectionStringBuilder FromConnectionString(string spec)
    {
        DbConnectionStringBuilder keys;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            keys = new DbConnectionStringBuilder { ConnectionString = spec };
            builder = new NpgsqlConnectionStringBuilder(spec);
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword, never a value.
            throw new WarehouseException($"The PostgreSQL connection string is malformed: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new WarehouseException("The PostgreSQL connection string needs Host=...");
        }

        ApplyDefaults(
            builder,
            keys.ContainsKey("Timeout") || keys.ContainsKey("Connect Timeout") || keys.ContainsKey("Connection Timeout"),
            keys.ContainsKey("Command Timeout") || keys.ContainsKey("CommandTimeout"));
        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string spec)
    {
        if (!Uri.TryCreate(spec, UriKind.Absolute, out var uri))
        {
            throw new WarehouseException(
                "The PostgreSQL URL is malformed. Expected postgresql://user:password@host:5432/database?sslmode=require "
                + "(percent-encode special characters in the user and password).");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.DnsSafeHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
        };

        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var hasTimeout = false;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            hasTimeout |= key == "connect_timeout";
            SetUrlParameter(builder, key, value);
        }

        ApplyDefaults(builder, hasTimeout, userSetCommandTimeout: false);
        return builder;
    }

    /// <summary>libpq's URL parameter names, mapped to Npgsql's; other names are tried as Npgsql keywords.</summary>
    private static void SetUrlParameter(NpgsqlConnectionStringBuilder builder, string key, string value)
    {
        try
        {
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
                    break;
                case "connect_timeout":
                    builder.Timeout = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "options":
                    builder.Options = value;
                    break;
                default:
                    builder[key] = value;
                    break;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            throw new WarehouseException($"The PostgreSQL URL parameter '{key}' is not supported or has a bad value.", ex);
        }
    }

    private static void ApplyDefaults(NpgsqlConnectionStringBuilder builder, bool userSetTimeout, bool userSetCommandTimeout)
    {
        if (!userSetTimeout)
        {
            builder.Timeout = ConnectTimeoutSeconds;
        }

        // A batch's merge or a full refresh's final soft-delete on a large table may legitimately take minutes.
        if (!userSetCommandTimeout)
        {
            builder.CommandTimeout = CommandTimeoutSeconds;
        }

        // Each batch runs the same few statements; let Npgsql prepare them once per connection.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }
    }

    /// <summary>host:port/database, without credentials.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
}
