using System.CommandLine;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

/// <summary><c>greenhouse grant reader NAME --password-env VAR</c> and <c>greenhouse grant --check NAME</c> (PostgreSQL).</summary>
internal static class GrantCommand
{
    public static Command Create()
    {
        var check = new Option<string?>("--check") { Description = "Report what the login NAME can and cannot do" };
        var command = new Command("grant", "Create or check a PostgreSQL login that can only read the warehouse") { check, Reader() };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            if (parseResult.GetValue(check) is not { } role)
            {
                Console.Error.WriteLine("error: use 'greenhouse grant reader NAME --password-env VAR' or 'greenhouse grant --check NAME'.");
                return ExitCodes.BadConfig;
            }

            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var report = await Grants(warehouse).CheckReaderAsync(role, cancellationToken);
            Write(report);
            return report.ReadOnly ? ExitCodes.Success : ExitCodes.RunFailed;
        }));
        return command;
    }

    private static Command Reader()
    {
        var name = new Argument<string>("name") { Description = "The login to create or update" };
        var passwordEnv = new Option<string>("--password-env") { Description = "The environment variable that holds its password", Required = true };
        var modelsOnly = new Option<bool>("--models-only") { Description = "Only the modelled schemas (analytics, analytics_*), not the raw one: the login to set as model_reader: for the web UI's viewers" };
        var command = new Command("reader", "Create or update a login with SELECT on the raw and modelled schemas and nothing else") { name, passwordEnv, modelsOnly };
        command.SetAction((parseResult, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var variable = parseResult.GetValue(passwordEnv)!;
            if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } password)
            {
                Console.Error.WriteLine($"error: --password-env: environment variable {variable} is not set.");
                return ExitCodes.BadConfig;
            }

            await using var warehouse = WarehouseFactory.Open(CommonOptions.LoadConfig(parseResult));
            var role = parseResult.GetValue(name)!;
            var schemas = await Grants(warehouse).GrantReaderAsync(role, password, parseResult.GetValue(modelsOnly), cancellationToken);
            Console.WriteLine($"{role}: can log in and read {(schemas.Count == 0 ? "no schema yet (model schemas made later are granted to it when it is the model_reader:)" : string.Join(", ", schemas))} (tables created later too); cannot write, create or make temp tables.");
            Console.WriteLine("TEMPORARY on the database was revoked from PUBLIC and granted to the owner.");
            Write(await Grants(warehouse).CheckReaderAsync(role, cancellationToken));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static IReaderGrants Grants(IWarehouse warehouse) => warehouse as IReaderGrants
        ?? throw new WarehouseException("greenhouse grant needs a PostgreSQL warehouse; SQLite has no logins (its reads already use a read-only connection).");

    private static void Write(ReaderCheck report)
    {
        if (!report.Exists)
        {
            Console.WriteLine($"{report.Role}: no such login.");
            return;
        }

        Console.WriteLine($"{report.Role}:");
        foreach (var (schema, selectable, tables) in report.Readable)
        {
            Console.WriteLine($"  can select:      {schema} ({selectable} of {tables} tables and views)");
        }

        Console.WriteLine(report.CreateIn.Count == 0 ? "  cannot create:   ok" : $"  CAN CREATE in:   {string.Join(", ", report.CreateIn)}");
        Console.WriteLine(report.Writable.Count == 0 ? "  cannot write:    ok" : $"  CAN WRITE:       {string.Join(", ", report.Writable)}");
        Console.WriteLine(report.CanTemp ? "  CAN make temp tables" : "  cannot temp:     ok");
        if (report.Elevated)
        {
            Console.WriteLine("  IS ELEVATED: superuser, or can create roles or databases, or bypasses row security");
        }

        Console.WriteLine(report.ReadOnly ? "read-only: yes" : "read-only: NO");
    }
}
