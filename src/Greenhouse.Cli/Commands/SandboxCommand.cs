using System.CommandLine;
using Greenhouse.Sandbox;

namespace Greenhouse.Cli.Commands;

internal static class SandboxCommand
{
    public const int DefaultPort = 12111;

    public static readonly Option<SandboxSize> Size = new("--size") { Description = "How much data: small, medium or large", DefaultValueFactory = _ => SandboxSize.Small };

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => DefaultPort };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 42 };
        var command = new Command("sandbox", "Serve fake vendor APIs on 127.0.0.1 until Ctrl+C, and print a greenhouse.yml that syncs them") { port, seed, Size };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            SandboxServer sandbox;
            try
            {
                sandbox = await SandboxServer.StartAsync(
                    new SandboxOptions(parseResult.GetValue(port), parseResult.GetValue(seed), parseResult.GetValue(Size)), cancellationToken);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"error: cannot listen on 127.0.0.1:{parseResult.GetValue(port)} ({e.Message}). Is a sandbox already running? Pick another with --port.");
                return ExitCodes.BadConfig;
            }

            await using (sandbox)
            {
                // Everything but the config is a YAML comment: `greenhouse sandbox > greenhouse.yml` writes a file that loads.
                var (yaml, exports) = SandboxSources.ConfigFile(sandbox.BaseUrl);
                Console.WriteLine("# The sandbox serves fake vendor APIs until Ctrl+C:");
                foreach (var (vendor, url) in sandbox.VendorUrls)
                {
                    Console.WriteLine($"#   {vendor,-10} {url}");
                }

                Console.WriteLine("# Keys its fakes accept (any sk_test_ key for Stripe; 16+ letters or digits for Buttondown):");
                foreach (var export in exports)
                {
                    Console.WriteLine($"#   {export}");
                }

                Console.WriteLine("# A greenhouse.yml for it follows (`greenhouse init --sandbox` writes the same):");
                Console.WriteLine();
                Console.Write(yaml);
                await Console.Out.FlushAsync(cancellationToken);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop serving.
                }

                return ExitCodes.Success;
            }
        }));
        return command;
    }
}
