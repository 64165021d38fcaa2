using System.Diagnostics;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>
/// Runs streams into a warehouse, one run (sync or transform) at a time per warehouse. Each page and the checkpoint that resumes
/// after it commit in one transaction, so a run that fails or is killed leaves the warehouse consistent and
/// the next run continues from the last checkpoint. A stream's cursor only moves when its listing completes.
/// </summary>
public sealed class SyncRunner(IWarehouse warehouse, TimeProvider clock, int maxConcurrency = 1)
{
    public async Task<RunSummary> RunAsync(
        IReadOnlyList<PlannedStream> streams,
        SyncRequest request,
        WhenRunning whenRunning,
        ISyncObserver observer,
        CancellationToken cancellationToken = default)
    {
        await warehouse.MigrateAsync(cancellationToken);
        await using (await RunLock.AcquireAsync(warehouse, whenRunning, observer.Waiting, cancellationToken))
        {
            var started = clock.GetTimestamp();
            var lastSeconds = LastSeconds(await warehouse.ReadStreamRunsAsync(limit: 1000, cancellationToken: cancellationToken));
            var runId = await warehouse.BeginRunAsync(request.Trigger, clock.GetUtcNow(), cancellationToken);
            observer.RunStarted(streams.Count);
            // Streams run concurrently, at most maxConcurrency at a time, so one vendor's latency hides another's;
            // each source's HTTP client still paces its own requests to the vendor's rate.
            var slots = new StreamRunResult?[streams.Count];
            await Parallel.ForEachAsync(
                StartOrder(streams, lastSeconds),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency) },
                async (index, _) =>
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    var result = await RunStreamAsync(runId, streams[index], request, observer, cancellationToken);
                    slots[index] = result;
                    observer.StreamFinished(result);
                });
            var results = slots.OfType<StreamRunResult>().ToList();

            var status = cancellationToken.IsCancellationRequested || results.Any(r => r.Status == RunStatus.Interrupted) ? RunStatus.Interrupted
                : results.All(r => r.Status == RunStatus.Succeeded) ? RunStatus.Succeeded
                : results.All(r => r.Status == RunStatus.Failed) ? RunStatus.Failed
                : RunStatus.Partial;
            await warehouse.FinishRunAsync(runId, status, clock.GetUtcNow(), CancellationToken.None);
            return new RunSummary(runId, status, results, clock.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The order streams start in: the longest first, by how long each took when it last succeeded, so the wall time
    /// is not a long stream that waited for a slot behind short ones. Streams that never ran yet come first, one of each
    /// source in turn, so a source with many streams does not hold every slot while another vendor's long stream waits
    /// (each source paces its own requests anyway).
    /// </summary>
    internal static IEnumerable<int> StartOrder(IReadOnlyList<PlannedStream> streams, IReadOnlyDictionary<string, double> lastSeconds)
    {
        var interleaved = InterleavedBySource(streams).ToList();
        return interleaved.Where(i => !lastSeconds.ContainsKey(streams[i].Stream.Descriptor.FullName))
            .Concat(interleaved.Where(i => lastSeconds.ContainsKey(streams[i].Stream.Descriptor.FullName))
                .OrderByDescending(i => lastSeconds[streams[i].Stream.Descriptor.FullName]));
    }

    /// <summary>One of each source in turn, in the plan's order within a source.</summary>
    internal static IEnumerable<int> InterleavedBySource(IReadOnlyList<PlannedStream> streams) =>
        streams.Select((planned, index) => (planned.Source.Name, Index: index))
            .GroupBy(s => s.Name)
            .SelectMany(group => group.Select((stream, rank) => (stream.Index, Rank: rank)))
            .OrderBy(s => s.Rank)
            .ThenBy(s => s.Index)
            .Select(s => s.Index);

    /// <summary>Each stream's seconds in its newest succeeded run, from stream runs listed newest first.</summary>
    internal static Dictionary<string, double> LastSeconds(IReadOnlyList<StreamRunRecord> newestFirst)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var run in newestFirst.Where(r => r.Status == RunStatus.Succeeded))
        {
            seconds.TryAdd(run.Stream, run.Seconds);
        }

        return seconds;
    }

    private async Task<StreamRunResult> RunStreamAsync(long runId, PlannedStream planned, SyncRequest request, ISyncObserver observer, CancellationToken cancellationToken)
    {
        var descriptor = planned.Stream.Descriptor;
        var stream = descriptor.FullName;
        var started = clock.GetTimestamp();
        var counts = default(BatchCounts);
        int pages = 0, records = 0, warningCount = 0;
        var mode = SyncMode.Incremental;
        var resumed = false;
        var begun = false;
        try
        {
            if (planned.Stream is not UnavailableSourceStream)
            {
                await warehouse.EnsureStreamTableAsync(descriptor, cancellationToken);
            }

            var entries = await warehouse.ReadStateAsync(stream, cancellationToken);
            var state = StreamState.From(entries.FirstOrDefault(e => e.Partition.Length == 0)?.Value);
            var now = clock.GetUtcNow();
            (mode, resumed) = ChooseMode(state, planned.Source, request, now);
            if (planned.Stream.AlwaysFullRefresh && !resumed)
            {
                mode = SyncMode.FullRefresh;
            }

            await warehouse.BeginStreamRunAsync(runId, stream, mode, now, cancellationToken);
            begun = true;
            observer.StreamStarted(stream, mode, resumed);

            async Task CommitAsync(BatchCommit batch, List<string> warnings)
            {
                counts += await warehouse.CommitBatchAsync(batch, CancellationToken.None);
                pages += batch.Pages;
                records += batch.Rows.Count;
                warningCount += warnings.Count;
                foreach (var warning in warnings.Take(5))
                {
                    observer.Warning(stream, warning);
                }

                observer.PageCommitted(new StreamProgress(stream, pages, records, counts, warningCount, clock.GetElapsedTime(started)));
            }

            var context = new StreamReadContext(
                mode,
                state.Cursor,
                resumed ? state.PendingResume : null,
                WindowEnd(planned.Source, now),
                planned.Source.Lookback,
                mode == SyncMode.Incremental && !resumed ? request.Since : null,
                now);

            // While a page commits, the next one is already being read, so a stream's pace is its vendor's (or its
            // commits'), not the two added up. The next read starts only once this page's rows are built (a stream
            // may reuse its buffers), and a page commits only after the one before it, so checkpoints stay in order.
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await using var reader = planned.Stream.ReadAsync(context, stopReading.Token).GetAsyncEnumerator(stopReading.Token);
            var next = reader.MoveNextAsync().AsTask();
            Task? committing = null;
            try
            {
                var read = 0;
                while (await next)
                {
                    var page = reader.Current;
                    read++;
                    var warnings = new List<string>(page.Warnings ?? []);
                    var rows = new List<RecordRow>(page.Records.Count);
                    foreach (var record in page.Records)
                    {
                        rows.Add(RecordConverter.ToRow(descriptor, record, read, warnings));
                    }

                    var pageNow = clock.GetUtcNow();
                    state = page.IsLast
                        ? new StreamState(page.Cursor, null, null, mode == SyncMode.FullRefresh ? pageNow : state.LastFullRefresh)
                        : state with { PendingMode = mode, PendingResume = page.Resume };
                    var isDataPage = !page.IsLast || page.Records.Count > 0;
                    var batch = new BatchCommit(
                        descriptor,
                        runId,
                        rows,
                        "",
                        state.ToJson(),
                        TrackSeen: mode == SyncMode.FullRefresh,
                        StartFullRefresh: read == 1 && mode == SyncMode.FullRefresh && !resumed,
                        FinishFullRefresh: page.IsLast && mode == SyncMode.FullRefresh,
                        Pages: isDataPage ? 1 : 0,
                        Warnings: warnings.Count,
                        Now: pageNow);
                    if (committing is not null)
                    {
                        await committing;
                    }

                    // Stopping happens between commits: a page read ahead when shutdown was requested is left for the
                    // next run, which resumes after the last committed one.
                    cancellationToken.ThrowIfCancellationRequested();
                    // On the thread pool: a synchronous warehouse (SQLite's driver is) would otherwise hold up the read.
                    committing = Task.Run(() => CommitAsync(batch, warnings), CancellationToken.None);
                    next = reader.MoveNextAsync().AsTask();
                }
            }
            catch when (committing is not null)
            {
                // A commit under way finishes even if shutdown was requested meanwhile or the next page failed to
                // read. If that commit fails, the read under way is abandoned.
                try
                {
                    await committing;
                }
                catch
                {
                    await stopReading.CancelAsync();
                    await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw;
                }

                throw;
            }

            if (committing is not null)
            {
                await committing;
            }

            await warehouse.FinishStreamRunAsync(runId, stream, RunStatus.Succeeded, null, clock.GetUtcNow(), CancellationToken.None);
            return new StreamRunResult(stream, RunStatus.Succeeded, mode, resumed, counts, warningCount, pages, records, clock.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            const string message = "interrupted before the stream finished; the next run resumes from the last checkpoint";
            await TryFinishAsync(runId, stream, mode, begun, RunStatus.Interrupted, message);
            return new StreamRunResult(stream, RunStatus.Interrupted, mode, resumed, counts, warningCount, pages, records, clock.GetElapsedTime(started), message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = Secrets.Redact(e is SourceException or WarehouseException ? e.Message : $"{stream}: {e.GetType().Name}: {e.Message}");
            await TryFinishAsync(runId, stream, mode, begun, RunStatus.Failed, message);
            return new StreamRunResult(stream, RunStatus.Failed, mode, resumed, counts, warningCount, pages, records, clock.GetElapsedTime(started), message);
        }
    }

    /// <summary>
    /// Resume an unfinished run of the same kind; otherwise a full refresh on request, on the first run, or when
    /// the source's reconcile period has passed since the last one; otherwise incremental.
    /// </summary>
    private static (SyncMode Mode, bool Resumed) ChooseMode(StreamState state, SourceConfig source, SyncRequest request, DateTimeOffset now)
    {
        if (state.PendingMode is { } pending && state.PendingResume is not null
            && (request.FullRefresh ? pending == SyncMode.FullRefresh : request.Since is null || pending == SyncMode.FullRefresh))
        {
            return (pending, true);
        }

        if (request.FullRefresh || state.Cursor is null)
        {
            return (SyncMode.FullRefresh, false);
        }

        if (request.Since is null && (state.LastFullRefresh is not { } last || now - last >= source.Reconcile))
        {
            return (SyncMode.FullRefresh, false);
        }

        return (SyncMode.Incremental, false);
    }

    /// <summary>Now, or 00:00 UTC today with complete_days_only, so results don't depend on the hour of the run.</summary>
    private static DateTimeOffset WindowEnd(SourceConfig source, DateTimeOffset now) =>
        source.CompleteDaysOnly ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) : now;

    private async Task TryFinishAsync(long runId, string stream, SyncMode mode, bool begun, RunStatus status, string message)
    {
        try
        {
            if (!begun)
            {
                await warehouse.BeginStreamRunAsync(runId, stream, mode, clock.GetUtcNow(), CancellationToken.None);
            }

            await warehouse.FinishStreamRunAsync(runId, stream, status, message, clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (e is WarehouseException or System.Data.Common.DbException)
        {
            // The warehouse itself is what failed; the run's row stays 'running' and the next run marks it interrupted.
        }
    }
}
