using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Checks;

/// <summary>
/// Runs one <c>checks/*.yml</c> entry: renders its SQL with the project's context, keeps at most <c>max_rows</c> of
/// its rows and counts them all. A check that does not render or that the database refuses is a runtime error naming
/// its file and line; nothing is thrown, so the other checks still run.
/// </summary>
internal static class CheckRunner
{
    public static async Task<CheckOutcome> RunAsync(CheckDefinition check, CompiledProject project, ISqlClient sql, TimeProvider clock, long? runId,
        CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        var outcome = new CheckOutcome
        {
            Name = check.Name,
            Description = check.Description,
            Severity = check.Severity,
            Status = CheckStatus.RuntimeError,
            StartedAt = startedAt,
            RunId = runId,
            KeyColumns = check.Key,
            Message = check.Message,
            Notify = check.Notify,
            RemindEvery = check.RemindEvery,
            MaxRows = check.MaxRows,
            Location = check.Location,
        };

        string compiled;
        try
        {
            compiled = project.RenderSql(check.Sql, check.File, check.SqlLine).TrimEnd().TrimEnd(';').TrimEnd();
        }
        catch (TemplateException e)
        {
            return outcome with { Error = $"check {check.Name}: its sql does not render: {e.Message}", Seconds = Elapsed(clock, started) };
        }

        try
        {
            var options = new QueryOptions { ReadOnly = true, MaxRows = check.MaxRows };
            var result = await sql.QueryAsync(compiled, options, cancellationToken);
            var count = (long)result.Rows.Count;
            if (result.Truncated)
            {
                var counted = await sql.QueryAsync($"SELECT COUNT(*) FROM (\n{compiled}\n) AS _gh_check", new QueryOptions { ReadOnly = true }, cancellationToken);
                count = Convert.ToInt64(counted.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
            }

            return outcome with
            {
                Status = count == 0 ? CheckStatus.Pass : check.Severity == CheckSeverity.Error ? CheckStatus.Error : CheckStatus.Warn,
                FailingRows = count,
                Columns = result.Columns,
                Rows = result.Rows,
                Sql = compiled,
                Seconds = Elapsed(clock, started),
            };
        }
        catch (WarehouseException e)
        {
            return outcome with
            {
                Sql = compiled,
                Error = $"{check.File}:{check.SqlLine}: check {check.Name}: the query failed: {e.Message}",
                Seconds = Elapsed(clock, started),
            };
        }
    }

    private static double Elapsed(TimeProvider clock, long started) => Math.Round(clock.GetElapsedTime(started).TotalSeconds, 3);
}
