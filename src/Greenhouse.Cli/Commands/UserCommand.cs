using System.CommandLine;
using System.Globalization;
using Greenhouse.Serve.Ui;
using Greenhouse.Warehouse;
using Spectre.Console;

namespace Greenhouse.Cli.Commands;

/// <summary><c>greenhouse user add EMAIL --role viewer|admin</c>, <c>user list</c>, <c>user reset EMAIL</c>, <c>user remove EMAIL</c>: who may log in to serve's web UI.</summary>
internal static class UserCommand
{
    private static readonly string[] ListColumns = ["email", "role", "added (UTC)", "state"];

    public static Command Create() =>
        new("user", "Add, list, reset and remove the people who may log in to the web UI 'greenhouse serve' shows") { Add(), List(), Reset(), Remove() };

    private static Argument<string> Email() => new("email") { Description = "Their e-mail address: what they log in with" };

    private static Option<string> Role(string? fallback) => new("--role")
    {
        Description = "viewer (reads the modelled data and the pages) or admin (also raw tables, runs and users)",
        DefaultValueFactory = fallback is null ? null! : _ => fallback,
    };

    private static Command Add()
    {
        var email = Email();
        var role = Role("viewer");
        var command = new Command("add", $"Add a user; the password is asked for (or read from stdin's first line), at least {UserService.MinPasswordLength} characters") { email, role };
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async users =>
        {
            await users.AddAsync(parseResult.GetValue(email)!, parseResult.GetValue(role)!, ReadPassword(), cancellationToken);
            Console.Error.WriteLine($"User {parseResult.GetValue(email)!.Trim().ToLowerInvariant()} ({parseResult.GetValue(role)}) added: they can log in at serve's address.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Reset()
    {
        var email = Email();
        var role = new Option<string?>("--role") { Description = "Also change their role: viewer or admin" };
        var command = new Command("reset", "Set a user's password (asked for, or stdin's first line) and unlock the account") { email, role };
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async users =>
        {
            await users.ResetAsync(parseResult.GetValue(email)!, ReadPassword(), parseResult.GetValue(role), cancellationToken);
            Console.Error.WriteLine($"Password of {parseResult.GetValue(email)!.Trim().ToLowerInvariant()} set; the account is unlocked.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Remove()
    {
        var email = Email();
        var command = new Command("remove", "Remove a user; their sessions end at their next request") { email };
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async users =>
        {
            await users.RemoveAsync(parseResult.GetValue(email)!, cancellationToken);
            Console.Error.WriteLine($"User {parseResult.GetValue(email)!.Trim().ToLowerInvariant()} removed.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "The users: e-mail, role, when added, and whether the account is locked");
        command.SetAction((parseResult, cancellationToken) => UseAsync(parseResult, async users =>
        {
            var all = await users.ListAsync(cancellationToken);
            if (all.Count == 0)
            {
                Console.WriteLine("No users: `greenhouse user add you@example.com --role admin` adds the first.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in ListColumns)
            {
                table.AddColumn(column);
            }

            foreach (var user in all)
            {
                table.AddRow(
                    Markup.Escape(user.Email),
                    user.Role,
                    user.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    user.LockedUntil is { } until && until > DateTimeOffset.UtcNow ? $"locked until {until:HH:mm} UTC" : user.FailedLogins > 0 ? $"{user.FailedLogins} failed login(s)" : "ok");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>A password from stdin's first line when it is not a terminal, else asked for twice without echo.</summary>
    private static string ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? "";
        }

        var first = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
        var again = AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret());
        return first == again ? first : throw new Config.ConfigException("the two passwords differ; nothing was changed.");
    }

    private static Task<int> UseAsync(ParseResult parseResult, Func<UserService, Task<int>> action, CancellationToken cancellationToken) => CliErrors.RunAsync(async () =>
    {
        await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
        await warehouse.MigrateAsync(cancellationToken);
        return await action(new UserService(warehouse, TimeProvider.System));
    });
}
