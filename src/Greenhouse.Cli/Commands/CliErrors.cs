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
            // 3 only when the warehouse cannot be reached, so a script that retries on 3 does not retry a typo.
            return Fail(e.Message, e.Unreachable ? ExitCodes.WarehouseUnavailable : ExitCodes.BadConfig);
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
        catch (Questions.QuestionException e)
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
        catch (System.Data.Common.DbException e)
        {
            // A driver error no warehouse code translated: transient ones (a dropped connection, a locked file) are "unreachable".
            return Fail($"the warehouse failed: {e.Message}", e.IsTransient ? ExitCodes.WarehouseUnavailable : ExitCodes.BadConfig);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No stack trace for the user: one line that says what broke, and that it is ours to fix.
            return Fail($"unexpected {e.GetType().Name}: {e.Message} (a bug in Greenhouse; please report it with the command you ran)", ExitCodes.RunFailed);
        }
    }

    private static int Fail(string message, int code)
    {
        Console.Error.WriteLine($"error: {Secrets.Redact(message)}");
        return code;
    }
}
