using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own (initdb into a temp folder, its own port), so a test can stop and
/// start it without disturbing the shared server the other tests use. Runs as the postgres user when root.
/// </summary>
public sealed class DisposablePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private DisposablePostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3";

    public static async Task<DisposablePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
            .Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "initdb")));
        var data = Directory.CreateTempSubdirectory("gh-pg-").FullName;
        var server = new DisposablePostgres(bin, data, FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", data);
        }

        await AsPostgresAsync($"{bin}/initdb -D {data} -A trust -U postgres --no-sync");
        await server.StartServerAsync();
        return server;
    }

    public Task StartServerAsync() =>
        AsPostgresAsync($"{_bin}/pg_ctl -D {_data} -w -t 30 -l {_data}/log -o \"-p {Port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off\" start");

    public Task StopServerAsync() => AsPostgresAsync($"{_bin}/pg_ctl -D {_data} -w -t 30 -m fast stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_data, recursive: true);
    }

    private static Task AsPostgresAsync(string command) =>
        Environment.UserName == "root" ? RunAsync("su", "postgres", "-c", command) : RunAsync("sh", "-c", command);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
