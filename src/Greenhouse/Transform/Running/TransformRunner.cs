using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Greenhouse.Sync;
using Greenhouse.Transform.Materializations;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Running;

/// <summary>
/// Runs a DAG of compiled nodes against the warehouse: in dependency order, independent nodes at once up to the
/// thread count, everything downstream of a failure skipped. Holds the warehouse's run lock throughout, so a transform
/// never overlaps a sync or another transform. Each node is built in one transaction (see <see cref="IModelStore"/>)
/// and recorded in <c>_gh_model_runs</c>; the run itself is a <c>transform</c> row of <c>_gh_runs</c>. Cancelling
/// starts no further node and stops the ones building, whose previous relations stay in place.
/// </summary>
public sealed class TransformRunner(IWarehouse warehouse, TimeProvider clock)
{
    /// <summary>Nodes built at once on a warehouse that writes in parallel, unless the options say otherwise (dbt's default).</summary>
    public const int DefaultThreads = 4;

    /// <summary>How many of a failing test's rows a run keeps (<see cref="TestRun.Rows"/>), for the check history.</summary>
    public const int TestSampleRows = 100;

    private readonly Materializer _materializer = new(warehouse, warehouse.Dialect);

    /// <summary>
    /// Runs <paramref name="nodes"/>. Throws <see cref="TransformException"/> before anything runs when a node cannot
    /// (every problem listed), and <see cref="RunAlreadyInProgressException"/> when another run holds the lock and
    /// <see cref="TransformRunOptions.WhenRunning"/> says fail.
    /// </summary>
    public async Task<TransformRunResult> RunAsync(
        IReadOnlyList<TransformNode> nodes,
        TransformRunOptions? options = null,
        ITransformObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new TransformRunOptions();
        observer ??= ITransformObserver.None;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads ?? 1, 1, nameof(options));
        var plan = TransformPlan.Create(nodes, warehouse);
        var threads = warehouse.Dialect.ParallelWrites ? options.Threads ?? DefaultThreads : 1;

        await warehouse.MigrateAsync(cancellationToken);
        await using (await RunLock.AcquireAsync(warehouse, options.WhenRunning, observer.Waiting, cancellationToken))
        {
            var started = clock.GetTimestamp();
            var runId = await warehouse.BeginTransformRunAsync(options.Trigger, clock.GetUtcNow(), cancellationToken);
            var run = new Run(warehouse, clock, _materializer, runId, options, observer);
            var results = await run.AllAsync(plan, threads, cancellationToken);
            var status = cancellationToken.IsCancellationRequested ? RunStatus.Interrupted
                : results.All(r => r.Status is ModelRunStatus.Succeeded or ModelRunStatus.Warned) ? RunStatus.Succeeded
                : results.Any(r => r.Status is ModelRunStatus.Succeeded or ModelRunStatus.Warned) ? RunStatus.Partial
                : RunStatus.Failed;
            await warehouse.FinishRunAsync(runId, status, clock.GetUtcNow(), CancellationToken.None);
            return new TransformRunResult(runId, status, results, clock.GetElapsedTime(started)) { Tests = [.. run.Tests] };
        }
    }

    private static string Sha256(string sql) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));

    /// <summary>One run's schedule: which nodes are ready, which run, and what each ended as.</summary>
    private sealed class Run(IWarehouse warehouse, TimeProvider clock, Materializer materializer, long runId, TransformRunOptions options, ITransformObserver observer)
    {
        private readonly ConcurrentDictionary<string, Lazy<Task>> _schemas = new(StringComparer.Ordinal);
        private readonly Dictionary<PlannedNode, ModelRunRecord> _ended = [];
        private readonly ConcurrentQueue<TestRun> _tests = new();

        public IEnumerable<TestRun> Tests => _tests;

        public async Task<IReadOnlyList<ModelRunRecord>> AllAsync(TransformPlan plan, int threads, CancellationToken cancellationToken)
        {
            var order = plan.Nodes.Select((node, index) => (node, index)).ToDictionary(p => p.node, p => p.index);
            var waitingOn = plan.Nodes.ToDictionary(n => n, n => n.Upstream.Count);
            var ready = new PriorityQueue<PlannedNode, int>(plan.Nodes.Where(n => n.Upstream.Count == 0).Select(n => (n, order[n])));
            var running = new Dictionary<Task<ModelRunRecord>, PlannedNode>();
            var results = new List<ModelRunRecord>(plan.Nodes.Count);
            while (ready.Count > 0 || running.Count > 0)
            {
                while (ready.Count > 0 && running.Count < threads)
                {
                    var node = ready.Dequeue();
                    if (NotRunReason(node, cancellationToken) is { } reason)
                    {
                        End(node, await SkipAsync(node, reason));
                        continue;
                    }

                    observer.NodeStarted(node.Node);
                    running.Add(Task.Run(() => BuildAsync(node, cancellationToken), CancellationToken.None), node);
                }

                if (running.Count == 0)
                {
                    continue;
                }

                var finished = await Task.WhenAny(running.Keys);
                End(running[finished], await finished);
                running.Remove(finished);
            }

            return results;

            void End(PlannedNode node, ModelRunRecord result)
            {
                _ended[node] = result;
                results.Add(result);
                observer.NodeFinished(node.Node, result);
                foreach (var downstream in node.Downstream)
                {
                    if (--waitingOn[downstream] == 0)
                    {
                        ready.Enqueue(downstream, order[downstream]);
                    }
                }
            }
        }

        /// <summary>Why a ready node is not built: an upstream node did not succeed (named, or the failure it was skipped for), or the run was cancelled.</summary>
        private string? NotRunReason(PlannedNode node, CancellationToken cancellationToken)
        {
            foreach (var upstream in node.Upstream)
            {
                var result = _ended[upstream];
                switch (result.Status)
                {
                    case ModelRunStatus.Succeeded or ModelRunStatus.Warned:
                        continue;
                    case ModelRunStatus.Skipped when result.Error is { } because && because.StartsWith(UpstreamPrefix, StringComparison.Ordinal):
                        return because;
                    default:
                        return $"{UpstreamPrefix}{upstream.Node.UniqueId} {(result.Status == ModelRunStatus.Failed ? "failed" : "was not built")}.";
                }
            }

            return cancellationToken.IsCancellationRequested ? "Not run: the run was cancelled before it started." : null;
        }

        private const string UpstreamPrefix = "Skipped: upstream ";

        private async Task<ModelRunRecord> SkipAsync(PlannedNode node, string reason)
        {
            var now = clock.GetUtcNow();
            var record = new ModelRunRecord(runId, node.Node.UniqueId, Text(node.Node.Materialization), ModelRunStatus.Skipped, null, 0, reason, null, now, now);
            await warehouse.RecordModelRunAsync(record, CancellationToken.None);
            return record;
        }

        private async Task<ModelRunRecord> BuildAsync(PlannedNode planned, CancellationToken cancellationToken)
        {
            var node = planned.Node;
            if (node.Kind == NodeKind.Test)
            {
                return await TestAsync(planned, cancellationToken);
            }

            var startedAt = clock.GetUtcNow();
            var started = clock.GetTimestamp();
            string? hash = null;
            long? rows = null;
            ModelRunStatus status;
            string? error = null;
            try
            {
                await _schemas.GetOrAdd(planned.Relation.Schema, _ => new(() => warehouse.EnsureSchemaAsync(planned.Relation, cancellationToken))).Value;
                if (node.Kind == NodeKind.Seed)
                {
                    var table = SeedTable.Read(node.Seed!);
                    hash = table.Sha256;
                    rows = await materializer.LoadSeedAsync(node, planned.Relation, table, cancellationToken);
                }
                else
                {
                    var existing = await warehouse.DescribeRelationAsync(planned.Relation, cancellationToken);
                    var isIncremental = node.Materialization == Materialization.Incremental && existing?.Kind == RelationKind.Table && !options.FullRefresh;
                    var sql = await node.Compile!(new NodeCompileContext(isIncremental), cancellationToken);
                    hash = Sha256(sql);
                    rows = await materializer.BuildModelAsync(node, planned.Relation, sql, isIncremental, cancellationToken);
                }

                status = ModelRunStatus.Succeeded;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = ModelRunStatus.Interrupted;
                error = "Interrupted: the run was cancelled while this node was built; its previous relation is still in place.";
            }
            catch (Exception e)
            {
                status = ModelRunStatus.Failed;
                error = e.Message;
            }

            var record = new ModelRunRecord(runId, node.UniqueId, Text(node.Materialization), status, rows, clock.GetElapsedTime(started).TotalSeconds,
                error, hash, startedAt, clock.GetUtcNow());
            await warehouse.RecordModelRunAsync(record, CancellationToken.None);
            return record;
        }

        /// <summary>
        /// Runs a data test as dbt's test materialization does: <c>fail_calc</c> over its failing rows (cut at
        /// <c>limit</c>), compared with <c>warn_if</c> and <c>error_if</c> in the database; then keeps a sample of the
        /// rows, and with <c>store_failures</c> writes them all to its audit table.
        /// </summary>
        private async Task<ModelRunRecord> TestAsync(PlannedNode planned, CancellationToken cancellationToken)
        {
            var node = planned.Node;
            var settings = node.Test!;
            var startedAt = clock.GetUtcNow();
            var started = clock.GetTimestamp();
            string? sql = null;
            long failures = 0;
            ModelRunStatus status;
            string? error = null;
            QueryResult sample = QueryResult.Empty;
            try
            {
                sql = await node.Compile!(new NodeCompileContext(false), cancellationToken);
                var limited = settings.Limit is { } limit ? $"{sql}\nlimit {limit}" : sql;
                var judged = await warehouse.QueryAsync(TestSql.Judge(limited, settings), new QueryOptions { ReadOnly = true }, cancellationToken);
                var row = judged.Rows[0];
                failures = TestSql.Number(row[0]);
                var shouldWarn = TestSql.Number(row[1]) != 0;
                var shouldError = TestSql.Number(row[2]) != 0;
                status = settings.SeverityIsError && shouldError ? ModelRunStatus.Failed
                    : shouldWarn ? options.WarnError ? ModelRunStatus.Failed : ModelRunStatus.Warned
                    : ModelRunStatus.Succeeded;
                if (status != ModelRunStatus.Succeeded)
                {
                    var condition = settings.SeverityIsError && shouldError ? settings.ErrorIf : settings.WarnIf;
                    var verb = settings.SeverityIsError && shouldError || options.WarnError ? "fail" : "warn";
                    error = $"Got {failures:N0} result{(failures == 1 ? "" : "s")}, configured to {verb} if {condition}"
                        + (options.WarnError && verb == "fail" && !(settings.SeverityIsError && shouldError) ? " (a warning; --warn-error makes it fail)" : "")
                        + ".";
                }

                if (failures != 0 || status != ModelRunStatus.Succeeded)
                {
                    sample = await warehouse.QueryAsync(limited, new QueryOptions { ReadOnly = true, MaxRows = TestSampleRows }, cancellationToken);
                }

                if (settings.StoreFailures)
                {
                    await _schemas.GetOrAdd(planned.Relation.Schema, _ => new(() => warehouse.EnsureSchemaAsync(planned.Relation, cancellationToken))).Value;
                    await materializer.BuildModelAsync(node with { Materialization = Materialization.Table }, planned.Relation, limited, false, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                status = ModelRunStatus.Interrupted;
                error = "Interrupted: the run was cancelled while this test ran.";
            }
            catch (Exception e)
            {
                status = ModelRunStatus.Failed;
                error = $"{(settings.Location is { } at ? at + ": " : "")}test {node.Name} could not run: {e.Message}";
                sample = QueryResult.Empty;
                var record = await RecordAsync();
                _tests.Enqueue(new TestRun(node, record, [], [], sql, RuntimeError: true));
                return record;
            }

            var finished = await RecordAsync();
            if (status != ModelRunStatus.Interrupted)
            {
                _tests.Enqueue(new TestRun(node, finished, sample.Columns, sample.Rows, sql, RuntimeError: false));
            }

            return finished;

            async Task<ModelRunRecord> RecordAsync()
            {
                var record = new ModelRunRecord(runId, node.UniqueId, "test", status, status == ModelRunStatus.Interrupted ? null : failures,
                    clock.GetElapsedTime(started).TotalSeconds, error, sql is null ? null : Sha256(sql), startedAt, clock.GetUtcNow());
                await warehouse.RecordModelRunAsync(record, CancellationToken.None);
                return record;
            }
        }

        private static string Text(Materialization materialization) => materialization switch
        {
            Materialization.Test => "test",
            Materialization.View => "view",
            Materialization.Table => "table",
            Materialization.Incremental => "incremental",
            Materialization.Seed => "seed",
            _ => throw new ArgumentOutOfRangeException(nameof(materialization), materialization, null),
        };
    }
}
