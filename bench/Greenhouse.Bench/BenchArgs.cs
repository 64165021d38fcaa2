using System.Globalization;
using Npgsql;

namespace Greenhouse.Bench;

internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string String(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name);

    public static string DatabaseUrl() =>
        Environment.GetEnvironmentVariable("GREENHOUSE_DATABASE_URL") is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException("Set GREENHOUSE_DATABASE_URL to the PostgreSQL database to benchmark against.");

    /// <summary>Peak resident set size of this process (VmHWM), in MB.</summary>
    public static double PeakRssMb() => ProcStatusMb("VmHWM:");

    /// <summary>The value below which a share <paramref name="p"/> of <paramref name="values"/> fall (nearest rank).</summary>
    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double ProcStatusMb(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return Environment.WorkingSet / 1024.0 / 1024.0;
    }

    /// <summary>Accepts the same warehouse forms as Greenhouse: a postgresql:// URL or an Npgsql connection string.</summary>
    public static string NpgsqlConnectionString(string url)
    {
        if (!url.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) || !url.Contains("://", StringComparison.Ordinal))
        {
            return url;
        }

        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.TrimStart('/'),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        }.ConnectionString;
    }
}
