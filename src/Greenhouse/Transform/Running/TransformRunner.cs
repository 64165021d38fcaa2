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
/// <para>
/// A node that built its relation is recorded in the build's transaction, so the record commits with the relation
/// and a killed run leaves a record of every relation it replaced. A failure is recorded as soon as it happens. The
/// records of nodes that changed nothing (skipped nodes, data tests) are written in batches of
/// <see cref="RecordBatch"/> and at the end of the run; a killed run can lose the last batch of those, and the
/// status then shows those nodes' previous records, which still describe the relations in place.
/// </para>
/// </summary>
public sealed class TransformRunner(IWarehouse warehouse, TimeProvider clock)
{
    /// <summary>Nodes built at once on a warehouse that writes in parallel, unless the options say otherwise (dbt's default).</summary>
    public const int DefaultThreads = 4;

    /// <summary>How many of a failing test's rows a run keeps (<see cref="TestRun.Rows"/>), for the check history.</summary>
    public const int TestSampleRows = 100;

    /// <summary>How many records of nodes that changed nothing (skipped, tests) the runner keeps before writing them in one transaction.</summary>
    public const int RecordBatch = 100;

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
        private readonly List<ModelRunRecord> _unrecorded = [];

        public IEnumerable<TestRun> Tests => _tests;

        public async Task<IReadOnlyList<ModelRunRecord>> AllAsync(TransformPlan plan, int threads, CancellationToken cancellationToken)
        {
            var order = plan.Nodes.Select((node, index) => (node, index)).ToDictionary(p => p.node, p => p.index);
            var waitingOn = plan.Nodes.ToDictionary(n => n, n => n.Upstream.Count);
            var ready = new PriorityQueue<PlannedNode, int>(plan.Nodes.Where(n => n.Upstream.Count == 0).Select(n => (n, order[n])));
            var running = new Dictionary<Task<Ended>, PlannedNode>();
            var results = new List<ModelRunRecord>(plan.Nodes.Count);
            try
            {
                while (ready.Count > 0 || running.Count > 0)
                {
                    while (ready.Count > 0 && running.Count < threads)
                    {
                        var node = ready.Dequeue();
                        if (NotRunReason(node, cancellationToken) is { } reason)
                        {
                            await EndAsync(node, Skip(node, reason));
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
                    await EndAsync(running[finished], await finished);
                    running.Remove(finished);
                }
            }
            finally
            {
                await RecordAsync();
            }

            return results;

            async Task EndAsync(PlannedNode node, Ended ended)
            {
                var result = ended.Record;
                if (!ended.Recorded)
                {
                    _unrecorded.Add(result);
                    if (result.Status is ModelRunStatus.Failed or ModelRunStatus.Interrupted || _unrecorded.Count >= RecordBatch)
                    {
                        await RecordAsync();
                    }
                }

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

        /// <summary>Writes the records kept so far, in one transaction (whatever the run's token says: they describe what happened).</summary>
        private async Task RecordAsync()
        {
            if (_unrecorded.Count > 0)
            {
                await warehouse.RecordModelRunsAsync([.. _unrecorded], CancellationToken.None);
                _unrecorded.Clear();
            }
        }

        private Ended Skip(PlannedNode node, string reason)
        {
            var now = clock.GetUtcNow();
            return new(new ModelRunRecord(runId, node.Node.UniqueId, Text(node.Node.Materialization), ModelRunStatus.Skipped, null, 0, reason, null, now, now), Recorded: false);
        }

        private async Task<Ended> BuildAsync(PlannedNode planned, CancellationToken cancellationToken)
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
            ModelRunRecord? built = null;
            try
            {
                await _schemas.GetOrAdd(planned.Relation.Schema, _ => new(() => warehouse.EnsureSchemaAsync(planned.Relation, cancellationToken))).Value;
                if (node.Kind == NodeKind.Seed)
                {
                    var table = SeedTable.Read(node.Seed!);
                    hash = table.Sha256;
                    await materializer.LoadSeedAsync(node, planned.Relation, table, Succeeded, cancellationToken);
                }
                else
                {
                    // Only an incremental model asks what is there: a view or table replaces whatever it finds, in its build.
                    var isIncremental = node.Materialization == Materialization.Incremental && !options.FullRefresh
                        && (await warehouse.DescribeRelationAsync(planned.Relation, cancellationToken))?.Kind == RelationKind.Table;
                    var sql = await node.Compile!(new NodeCompileContext(isIncremental), cancellationToken);
                    hash = Sha256(sql);
                    await materializer.BuildModelAsync(node, planned.Relation, sql, isIncremental, Succeeded, cancellationToken);
                }

                return new(built!, Recorded: true);
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

            rows = null; // nothing the build wrote is there
            return new(Record(status, error), Recorded: false);

            // The record that commits with the build: made when the build has written its rows, just before its commit.
            ModelRunRecord Succeeded(long? written)
            {
                rows = written;
                return built = Record(ModelRunStatus.Succeeded, null);
            }

            ModelRunRecord Record(ModelRunStatus ended, string? why) => new(runId, node.UniqueId, Text(node.Materialization), ended, rows,
                clock.GetElapsedTime(started).TotalSeconds, why, hash, startedAt, clock.GetUtcNow());
        }

        /// <summary>
        /// Runs a data test as dbt's test materialization does: <c>fail_calc</c> over its failing rows (cut at
        /// <c>limit</c>), compared with <c>warn_if</c> and <c>error_if</c> in the database; then keeps a sample of the
        /// rows, and with <c>store_failures</c> writes them all to its audit table.
        /// </summary>
        private async Task<Ended> TestAsync(PlannedNode planned, CancellationToken cancellationToken)
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
                    await materializer.BuildModelAsync(node with { Materialization = Materialization.Table }, planned.Relation, limited, false, null, cancellationToken);
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
                var record = Record();
                _tests.Enqueue(new TestRun(node, record, [], [], sql, RuntimeError: true));
                return new(record, Recorded: false);
            }

            var finished = Record();
            if (status != ModelRunStatus.Interrupted)
            {
                _tests.Enqueue(new TestRun(node, finished, sample.Columns, sample.Rows, sql, RuntimeError: false));
            }

            return new(finished, Recorded: false);

            ModelRunRecord Record() => new(runId, node.UniqueId, "test", status, status == ModelRunStatus.Interrupted ? null : failures,
                clock.GetElapsedTime(started).TotalSeconds, error, sql is null ? null : Sha256(sql), startedAt, clock.GetUtcNow());
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

        /// <summary>How a node ended, and whether its record is already in <c>_gh_model_runs</c> (committed with its build).</summary>
        private readonly record struct Ended(ModelRunRecord Record, bool Recorded);
    }
}
