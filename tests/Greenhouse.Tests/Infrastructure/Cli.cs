using System.Diagnostics;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>Runs the real greenhouse CLI (the built Greenhouse.Cli.dll) as a child process.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "Greenhouse.Cli.dll");

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Start(workingDirectory, environment, redirectInput: false, args);

    private static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, bool redirectInput, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // An empty value unsets the variable, whatever the test process has.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start)!;
    }

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the CLI with <paramref name="input"/> on its stdin (then closed), as a pipe gives it.</summary>
    public static async Task<Result> RunWithInputAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string input, params string[] args)
    {
        using var process = Start(workingDirectory, environment, redirectInput: true, args);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
