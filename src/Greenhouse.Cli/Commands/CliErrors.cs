using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Cli.Commands;

/// <summary>Turns the errors a user can act on into one clear line on stderr and an exit code.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ConfigException e)
        {
            return Fail(e.Message, ExitCodes.BadConfig);
        }
        catch (WarehouseException e)
        {
            return Fail(e.Message, ExitCodes.WarehouseUnavailable);
        }
        catch (RunAlreadyInProgressException e)
        {
            return Fail(e.Message, ExitCodes.AlreadyRunning);
        }
        catch (SourceException e)
        {
            return Fail(e.Message, ExitCodes.RunFailed);
        }
        catch (Transform.Project.ProjectException e)
        {
            return Fail(e.Message, ExitCodes.BadConfig);
        }
        catch (Transform.TransformException e)
        {
            return Fail(e.Message, ExitCodes.BadConfig);
        }
        catch (Transform.Templates.TemplateException e)
        {
            return Fail(e.Message, ExitCodes.RunFailed);
        }
        catch (Transform.Selection.SelectionException e)
        {
            return Fail(e.Message, ExitCodes.BadConfig);
        }
        catch (IOException e) when (e.GetType() == typeof(IOException))
        {
            return Fail(e.Message, ExitCodes.RunFailed);
        }
        catch (OperationCanceledException)
        {
            return Fail("interrupted", ExitCodes.Interrupted);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {Secrets.Redact(message)}");
        return code;
    }
}
