using System.CommandLine;
using Greenhouse.Sandbox;

namespace Greenhouse.Cli.Commands;

/// <summary>
/// <c>greenhouse init</c>: a commented starter greenhouse.yml naming every connector (all but Stripe commented out),
/// notifications, freshness limits and webhooks, with the docs by URL (an installed tool has no README beside it);
/// <c>init --sandbox</c>: a ready config for <c>greenhouse sandbox</c>.
/// </summary>
internal static class InitCommand
{
    public const string Docs = "https://github.com/greenhouse-data/greenhouse/blob/main";

    private const string Starter = $$"""
        # Greenhouse config. Docs: {{Docs}}/README.md#configuration-reference
        # Every command takes --config FILE (default ./greenhouse.yml). Credentials are ${VARIABLE} references, never literals.

        # Where synced data lands. The embedded default needs nothing installed:
        warehouse: sqlite:greenhouse.db
        # For production, PostgreSQL: the URL in a variable (or postgresql://user:${PGPASSWORD}@host:5432/db):
        # warehouse: ${GREENHOUSE_DATABASE_URL}

        # What a second sync does while one is running: fail (exit at once) or wait (queue behind it).
        when_running: fail

        # Incremental runs re-read this far behind the last cursor, so a week of failed runs heals itself.
        lookback: 7d
        # Re-read everything this often (finds deletions and anything the vendor's event log no longer has).
        reconcile: 7d
        # With true, each run's window stops at 00:00 UTC today, so results don't depend on the hour of the run.
        complete_days_only: false

        # Who hears about failures and stale data (after every sync and, under 'greenhouse serve', every minute).
        # A stream that keeps failing is reminded about at most this often.
        # remind_every: 6h
        # notifications:
        #   oncall:
        #     type: slack
        #     url: ${SLACK_WEBHOOK_URL}
        #     levels: [error, warn]
        #   team:
        #     type: telegram
        #     bot_token: ${TELEGRAM_BOT_TOKEN}
        #     chat_id: "@yourchannel"
        #   ops:
        #     type: webhook
        #     url: ${OPS_WEBHOOK_URL}

        # One block per source; its name prefixes its tables (stripe_customers). Each connector's page lists its streams,
        # keys and typed columns: {{Docs}}/docs/connectors/
        sources:
          stripe:
            type: stripe
            api_key: ${STRIPE_API_KEY}
            # Optional: another API endpoint, e.g. the sandbox ('greenhouse sandbox') or a proxy.
            # base_url: http://127.0.0.1:12111/stripe
            # Optional overrides of the settings above, per source:
            # lookback: 3d
            # streams: [customers, subscriptions, invoices, charges]
            # Warn when the last successful sync is older than this.
            # max_staleness: 12h
            # Enables POST /webhooks/stripe under 'greenhouse serve' (the endpoint's signing secret).
            # webhook_secret: ${STRIPE_WEBHOOK_SECRET}
            schedule: "0 * * * *"   # hourly, used by 'greenhouse serve'

          # github:
          #   type: github
          #   token: ${GITHUB_TOKEN}
          #   organizations: acme
          #   webhook_secret: ${GITHUB_WEBHOOK_SECRET}

          # linear:
          #   type: linear
          #   api_key: ${LINEAR_API_KEY}
          #   webhook_secret: ${LINEAR_WEBHOOK_SECRET}

          # plain:
          #   type: plain
          #   api_key: ${PLAIN_API_KEY}
          #   webhook_secret: ${PLAIN_WEBHOOK_SECRET}

          # sentry:
          #   type: sentry
          #   token: ${SENTRY_AUTH_TOKEN}
          #   organization: acme

          # buttondown:
          #   type: buttondown
          #   api_key: ${BUTTONDOWN_API_KEY}

          # The ECB's euro reference rates: no account, no credential.
          # ecb:
          #   type: ecb

          # A folder of CSV files, one stream each.
          # files:
          #   type: csv
          #   path: ./data
          #   primary_key: id

          # Any JSON list API, described in YAML ({{Docs}}/docs/connectors/rest.md).

        # Optional: the dbt project 'greenhouse transform' builds ('greenhouse transform init' writes one), and checks/*.yml.
        # transform: ./transform
        # checks: ./checks
        """;

    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var sandbox = new Option<bool>("--sandbox") { Description = "Write a config for 'greenhouse sandbox' instead: every vendor it fakes, its URLs and keys" };
        var port = new Option<int>("--port") { Description = "With --sandbox: the port the sandbox serves on", DefaultValueFactory = _ => SandboxCommand.DefaultPort };
        var command = new Command("init", "Write a commented starter greenhouse.yml (or, with --sandbox, one for the sandbox)") { force, sandbox, port };
        command.SetAction((parseResult, _) => CliErrors.RunAsync(() =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(CommonOptions.Config)!);
            if (File.Exists(path) && !parseResult.GetValue(force))
            {
                Console.Error.WriteLine($"error: {path} already exists; pass --force to overwrite it.");
                return Task.FromResult(ExitCodes.BadConfig);
            }

            if (parseResult.GetValue(sandbox))
            {
                var (yaml, exports) = SandboxSources.ConfigFile(new Uri($"http://127.0.0.1:{parseResult.GetValue(port)}"));
                File.WriteAllText(path, yaml);
                Console.WriteLine($"Wrote {path} for the sandbox. In one terminal: greenhouse sandbox --port {parseResult.GetValue(port)}");
                Console.WriteLine("In another, export the keys its fakes accept, then sync:");
                foreach (var export in exports)
                {
                    Console.WriteLine($"  {export}");
                }

                Console.WriteLine("  greenhouse sync");
                return Task.FromResult(ExitCodes.Success);
            }

            File.WriteAllText(path, Starter + Environment.NewLine);
            Console.WriteLine($"Wrote {path}. Export STRIPE_API_KEY, then run 'greenhouse sync'. Docs: {Docs}/README.md");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
