using Greenhouse.Config;
using Greenhouse.Notifications;
using Greenhouse.Sync;
using Greenhouse.Transform;
using Greenhouse.Transform.Compiling;
using Greenhouse.Warehouse;

namespace Greenhouse.Checks;

/// <summary>
/// The read side of checks: the definitions of the <c>checks:</c> folder, and what <c>_gh_check_runs</c> and
/// <c>_gh_check_rows</c> remember of every check (defined or recorded from a dbt test): last runs, failing streaks,
/// open rows. Needs no notification channel, so read-only faces (<c>check ls</c>, MCP) use it as they are.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class CheckHistory(GreenhouseConfig config, IWarehouse warehouse)
{
    private IReadOnlyList<CheckDefinition>? _definitions;

    /// <summary>The checks of the <c>checks:</c> folder, read once (<see cref="CheckLoader"/>); a bad file throws <see cref="ConfigException"/>.</summary>
    public IReadOnlyList<CheckDefinition> Definitions => _definitions ??= CheckLoader.Load(config);

    /// <summary>The checks named (all when none are), in definition order; an unknown name is a <see cref="ConfigException"/> with a "did you mean".</summary>
    public IReadOnlyList<CheckDefinition> Select(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return Definitions;
        }

        foreach (var name in names.Where(n => Definitions.All(d => d.Name != n)))
        {
            throw new ConfigException(Definitions.Count == 0
                ? $"check '{name}': there are no checks in {CheckLoader.Folder(config)}. Write a .yml file there with a checks: mapping (see docs/checks.md)."
                : $"check '{name}' is not defined in {CheckLoader.Folder(config)}.{DidYouMean.Hint(name, Definitions.Select(d => d.Name))} Checks: {string.Join(", ", Definitions.Select(d => d.Name))}");
        }

        return [.. Definitions.Where(d => names.Contains(d.Name))];
    }

    /// <summary>Every check defined or recorded, with its last run, open rows and failing streak: what <c>check ls</c> shows.</summary>
    public async Task<IReadOnlyList<CheckSummary>> SummariesAsync(CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        var runs = (await warehouse.ReadCheckRunsAsync(null, 100_000, cancellationToken)).ToLookup(r => r.Check, StringComparer.Ordinal);
        var open = (await warehouse.ReadOpenCheckRowsAsync(null, cancellationToken)).ToLookup(r => r.Check, StringComparer.Ordinal);
        var names = Definitions.Select(d => d.Name).Concat(runs.Select(r => r.Key).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        return [.. names.Select(name =>
        {
            var history = runs[name].ToList();
            var last = history.FirstOrDefault();
            return new CheckSummary(name, Definitions.FirstOrDefault(d => d.Name == name), last is null ? null : CheckText.ParseStatus(last.Status),
                last?.StartedAt, last?.FailingRows ?? 0, open[name].Count(), FailingSince(history));
        })];
    }

    /// <summary>A check's open rows, oldest first; a name neither defined nor recorded is a <see cref="ConfigException"/>.</summary>
    public async Task<IReadOnlyList<CheckRowRecord>> OpenRowsAsync(string check, CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        if (Definitions.All(d => d.Name != check) && (await warehouse.ReadCheckRunsAsync(check, 1, cancellationToken)).Count == 0)
        {
            Select([check]);
        }

        return await warehouse.ReadOpenCheckRowsAsync(check, cancellationToken);
    }

    /// <summary>The first run of the current failing streak, newest run first in <paramref name="runs"/>; runtime errors are skipped.</summary>
    private static DateTimeOffset? FailingSince(IReadOnlyList<CheckRunRecord> runs)
    {
        DateTimeOffset? since = null;
        foreach (var run in runs)
        {
            var status = CheckText.ParseStatus(run.Status);
            if (status == CheckStatus.Pass)
            {
                break;
            }

            if (status != CheckStatus.RuntimeError)
            {
                since = run.StartedAt;
            }
        }

        return since;
    }
}
