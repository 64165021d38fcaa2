using System.CommandLine;

namespace Greenhouse.Cli.Commands;

internal static class InitCommand
{
    private const string Starter = """
        # Greenhouse config. Docs: README.md. Every command takes --config FILE (default ./greenhouse.yml).

        # Where synced data lands. The embedded default needs nothing installed:
        warehouse: sqlite:greenhouse.db
        # For production, PostgreSQL (a URL, an Npgsql connection string, or a variable):
        # warehouse: ${GREENHOUSE_DATABASE_URL}

        # What a second sync does while one is running: fail (exit at once) or wait (queue behind it).
        when_running: fail

        # Incremental runs re-read this far behind the last cursor, so a week of failed runs heals itself.
        lookback: 7d
        # Re-read everything this often (finds deletions and anything the vendor's event log no longer has).
        reconcile: 7d
        # true: stop each run's window at 00:00 UTC today, so results don't depend on the hour of the run.
        complete_days_only: false

        sources:
          stripe:
            type: stripe
            # Credentials always come from environment variables, never from this file.
            api_key: ${STRIPE_API_KEY}
            # Optional: another API endpoint, e.g. the sandbox ('greenhouse sandbox') or a proxy.
            # base_url: http://127.0.0.1:12111
            # Optional overrides of the settings above, per source:
            # lookback: 3d
            # streams: [customers, subscriptions, invoices, charges]
            schedule: "0 * * * *"   # hourly, used by 'greenhouse serve'
        """;

    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var command = new Command("init", "Write a commented starter greenhouse.yml") { force };
        command.SetAction((parseResult, _) => CliErrors.RunAsync(() =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(CommonOptions.Config)!);
            if (File.Exists(path) && !parseResult.GetValue(force))
            {
                Console.Error.WriteLine($"error: {path} already exists; pass --force to overwrite it.");
                return Task.FromResult(ExitCodes.BadConfig);
            }

            File.WriteAllText(path, Starter + Environment.NewLine);
            Console.WriteLine($"Wrote {path}. Export STRIPE_API_KEY, then run 'greenhouse sync'.");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
