using System.Globalization;

namespace Greenhouse.Bench;

internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name);

    public static string DatabaseUrl() =>
        Environment.GetEnvironmentVariable("GREENHOUSE_DATABASE_URL") is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException("Set GREENHOUSE_DATABASE_URL to the PostgreSQL database to benchmark against.");

    /// <summary>Peak resident set size of this process (VmHWM), in MB.</summary>
    public static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return Environment.WorkingSet / 1024.0 / 1024.0;
    }
}
