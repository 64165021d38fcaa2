using System.CommandLine;
using Greenhouse.Access;
using Greenhouse.Config;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Commands;

/// <summary><c>greenhouse token add NAME [--role viewer|admin] [--expires 30d]</c>, <c>token list</c>, <c>token revoke NAME</c>: the bearer tokens serve's <c>/mcp</c> accepts.</summary>
internal static class TokenCommand
{
    private static readonly string[] ListColumns = ["name", "role", "made (UTC)", "expires (UTC)", "state"];

    public static Command Create() =>
        new("token", "Make, list and revoke the bearer tokens 'greenhouse serve' accepts at /mcp") { Add(), List(), Revoke() };

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "What the token is for (e.g. claude-desktop); letters, digits, _ . -" };
        var role = new Option<string>("--role") { Description = "viewer (reads) or admin", DefaultValueFactory = _ => "viewer" };
        role.AcceptOnlyFromAmong([.. TokenService.Roles]);
        var expires = new Option<string?>("--expires") { Description = "Valid for this long (e.g. 30d, 12h, 2w); default: until revoked" };
        var command = new Command("add", "Make a token and print it once; the warehouse keeps only its hash") { name, role, expires };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            TimeSpan? lifetime = null;
            if (parseResult.GetValue(expires) is { } text)
            {
                if (!Duration.TryParse(text, out var span) || span <= TimeSpan.Zero)
                {
                    Console.Error.WriteLine($"error: --expires: '{text}' is not a duration; use e.g. 30d, 12h or 2w.");
                    return ExitCodes.BadConfig;
                }

                lifetime = span;
            }

            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            IssuedToken issued;
            try
            {
                issued = await new TokenService(warehouse).AddAsync(parseResult.GetValue(name)!, parseResult.GetValue(role)!, lifetime, cancellationToken);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message.Split(" (Parameter", 2)[0]}");
                return ExitCodes.BadConfig;
            }

            Console.WriteLine(issued.Token);
            Console.Error.WriteLine(
                $"Token '{issued.Record.Name}' ({issued.Record.Role}{(issued.Record.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd HH:mm} UTC" : "")}) made. "
                + "It is shown only this once: send it as 'Authorization: Bearer <token>' to /mcp.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the tokens: name, role, made, expiry, revoked (never the tokens themselves)");
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in ListColumns)
            {
                table.AddColumn(column);
            }

            var now = DateTimeOffset.UtcNow;
            foreach (var token in await new TokenService(warehouse).ListAsync(cancellationToken))
            {
                var state = token switch
                {
                    { RevokedAt: { } revoked } => $"revoked {revoked:yyyy-MM-dd HH:mm}",
                    { ExpiresAt: { } expires } when expires <= now => "expired",
                    _ => "valid",
                };
                table.AddRow(Markup.Escape(token.Name), token.Role, $"{token.CreatedAt:yyyy-MM-dd HH:mm}", token.ExpiresAt is { } at ? $"{at:yyyy-MM-dd HH:mm}" : "never", state);
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var name = new Argument<string>("name") { Description = "The token to revoke" };
        var command = new Command("revoke", "Revoke a token at once: /mcp refuses it from the next request") { name };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var token = parseResult.GetValue(name)!;
            if (!await new TokenService(warehouse).RevokeAsync(token, cancellationToken))
            {
                Console.Error.WriteLine($"error: no valid token named '{token}'; 'greenhouse token list' shows them.");
                return ExitCodes.BadConfig;
            }

            Console.WriteLine($"Token '{token}' revoked.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
