using System.CommandLine;
using Greenhouse.Sandbox;

namespace Greenhouse.Cli.Commands;

internal static class SandboxCommand
{
    public static readonly Option<SandboxSize> Size = new("--size") { Description = "How much data: small, medium or large", DefaultValueFactory = _ => SandboxSize.Small };

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1", DefaultValueFactory = _ => 12111 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data", DefaultValueFactory = _ => 42 };
        var command = new Command("sandbox", "Serve fake vendor APIs on 127.0.0.1 until Ctrl+C") { port, seed, Size };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var sandbox = await SandboxServer.StartAsync(
                new SandboxOptions(parseResult.GetValue(port), parseResult.GetValue(seed), parseResult.GetValue(Size)), cancellationToken);
            foreach (var (vendor, url) in sandbox.VendorUrls)
            {
                Console.WriteLine($"{vendor,-10} {url}");
            }

            Console.WriteLine($"The sandbox's Stripe accepts any key starting with sk_test_; it also answers at {sandbox.BaseUrl}. Ctrl+C stops it.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
