using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Query;
using Greenhouse.Sources;
using Greenhouse.Status;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Catalog;

/// <summary>
/// The warehouse described for people and LLMs: which tables there are and what they hold (from the connectors'
/// stream and column descriptions), how fresh they are, how they join, and read-only SQL with limits that say how an
/// answer was cut. What the MCP server's tools call; it reads through the same <see cref="QueryService"/> read path as
/// <c>greenhouse query</c> and the same <see cref="StatusService"/> as <c>greenhouse status</c>.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class CatalogService(GreenhouseConfig config, IWarehouse warehouse, CatalogOptions? options = null, TimeProvider? clock = null)
{
    private const string LiveRows = $"Stream tables keep rows the vendor deleted: filter {MetadataColumn.DeletedAt} IS NULL for live rows.";

    private readonly QueryService _query = new(warehouse);
    private readonly StatusService _status = new(config, warehouse, clock);

    public CatalogOptions Options { get; } = options ?? new CatalogOptions();

    /// <summary>Where the modelled relations are: <see cref="CatalogOptions.ModelSchema"/>, else the transform's schema.</summary>
    private string ModelSchema => Options.ModelSchema ?? config.Transform?.Schema ?? Transform.Compiling.CompileSettings.DefaultSchema;

    /// <summary>Every configured stream's table (description, live rows, last sync, freshness), then the modelled relations.</summary>
    public async Task<TableList> ListTablesAsync(CancellationToken cancellationToken = default)
    {
        var statuses = (await _status.GetAsync(cancellationToken: cancellationToken)).ToDictionary(s => s.Stream, StringComparer.Ordinal);
        var tables = new List<TableSummary>();
        foreach (var stream in Streams())
        {
            var status = statuses.GetValueOrDefault(stream.FullName);
            tables.Add(new TableSummary(
                NameOf(stream),
                "stream",
                stream.FullName,
                stream.Spec.Description,
                status?.Rows ?? 0,
                status?.LastSuccess,
                status?.Staleness?.TotalSeconds,
                status?.MaxStaleness?.TotalSeconds,
                status?.Stale,
                status is null ? null : Freshness(status)));
        }

        foreach (var (relation, info) in await ModelsAsync(cancellationToken))
        {
            long? rows = info.Kind == RelationKind.Table ? await CountAsync(relation.Sql, cancellationToken) : null;
            tables.Add(new TableSummary(NameOf(relation), KindOf(info), null, null, rows, null, null, null, null, null));
        }

        return new TableList(
            $"{warehouse.Kind} ({warehouse.Description})",
            tables,
            $"Use each table's name in SQL as shown. {LiveRows} describe_table gives a table's columns, joins and sample rows; query runs read-only SQL.");
    }

    /// <summary>
    /// A table's columns (type, description, index, what it references), key, relationships with the other tables and
    /// a few live sample rows. <paramref name="table"/> may be a stream (<c>stripe.customers</c>) or a table name as
    /// <see cref="ListTablesAsync"/> gives it; an unknown name throws <see cref="CatalogException"/> naming the known ones.
    /// </summary>
    public async Task<TableDescription> DescribeTableAsync(string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        var wanted = table.Trim().Replace("\"", "", StringComparison.Ordinal);
        var streams = Streams();
        if (streams.FirstOrDefault(s => Names(s).Contains(wanted, StringComparer.OrdinalIgnoreCase)) is { } stream)
        {
            return await DescribeStreamAsync(stream, streams, cancellationToken);
        }

        var models = await ModelsAsync(cancellationToken);
        if (models.FirstOrDefault(m => Names(m.Relation).Contains(wanted, StringComparer.OrdinalIgnoreCase)) is ({ } relation, { } info))
        {
            var columns = info.Columns.Select(c => new ColumnDescription(c.Name, c.Type, null, false, false, null)).ToList();
            var samples = await SampleAsync($"SELECT * FROM {relation.Sql}", cancellationToken);
            return new TableDescription(NameOf(relation), KindOf(info), null, null, null, columns, [], samples,
                "A modelled relation, built from the landed tables by the project's models.");
        }

        var known = streams.Select(NameOf).Concat(models.Select(m => NameOf(m.Relation)));
        throw new CatalogException($"No table '{table}' in this warehouse. Known tables: {string.Join(", ", known)}. Call list_tables for what each holds.");
    }

    /// <summary>
    /// Runs <paramref name="sql"/> through the read-only path with at most <paramref name="maxRows"/> rows (null:
    /// <see cref="CatalogOptions.DefaultMaxRows"/>) and at most <see cref="CatalogOptions.MaxResultCharacters"/> of JSON;
    /// when either cuts it, counts the full result (within <see cref="CatalogOptions.CountTimeout"/>) to say "first 100 of 48,210 rows".
    /// A refused write or a failing query throws <see cref="WarehouseException"/>.
    /// </summary>
    public async Task<QueryAnswer> QueryAsync(string sql, int? maxRows = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var limit = maxRows ?? Options.DefaultMaxRows;
        if (limit < 1 || limit > Options.MaxRowsLimit)
        {
            throw new CatalogException(string.Create(CultureInfo.InvariantCulture,
                $"max_rows must be between 1 and {Options.MaxRowsLimit:N0}; it was {limit:N0}. Aggregate in SQL to see more."));
        }

        var result = await _query.RunAsync(sql, QueryService.Read(limit), cancellationToken);
        var rows = new List<JsonArray>();
        var characters = 0;
        var valuesCut = false;
        var cutByCharacters = false;
        foreach (var row in result.Rows)
        {
            var json = new JsonArray([.. row.Select(value => CatalogValues.ToJson(value, Options.MaxValueCharacters, ref valuesCut))]);
            characters += json.ToJsonString().Length + 1;
            if (characters > Options.MaxResultCharacters && rows.Count > 0)
            {
                cutByCharacters = true;
                break;
            }

            rows.Add(json);
        }

        var truncated = result.Truncated || cutByCharacters;
        long? total = result.Truncated ? await CountAsync($"({TrimStatement(sql)}\n) AS gh_counted", cancellationToken) : result.Rows.Count;
        var cutBy = cutByCharacters ? "characters" : result.Truncated ? "max_rows" : null;
        return new QueryAnswer(result.Columns, result.ColumnTypes, rows, rows.Count, total, truncated, cutBy, valuesCut,
            CutNote(rows.Count, total, cutBy, limit, valuesCut));
    }

    /// <summary>Every configured stream: its table, last success, staleness against its limit, live rows and its last run's status and error.</summary>
    public async Task<SyncStatusReport> SyncStatusAsync(CancellationToken cancellationToken = default)
    {
        var statuses = await _status.GetAsync(cancellationToken: cancellationToken);
        var tables = Streams().ToDictionary(s => s.FullName, NameOf, StringComparer.Ordinal);
        return new SyncStatusReport(
            (clock ?? TimeProvider.System).GetUtcNow(),
            [.. statuses.Select(s => new StreamSyncStatus(
                s.Stream,
                tables.GetValueOrDefault(s.Stream, s.Stream),
                s.LastSuccess,
                s.Staleness?.TotalSeconds,
                s.MaxStaleness?.TotalSeconds,
                s.Stale,
                Freshness(s),
                s.Rows,
                s.LastRun?.Status.ToString().ToLowerInvariant(),
                s.LastRun?.StartedAt,
                s.LastRun?.Error is { } error ? Secrets.Redact(error) : null))]);
    }

    /// <summary>
    /// Every check (<c>checks/*.yml</c> and dbt tests recorded as checks), failing ones first: its last run, since when
    /// it fails, and up to <paramref name="maxRows"/> of its open rows; <paramref name="check"/> names one (an unknown
    /// name throws with a "did you mean").
    /// </summary>
    public async Task<CheckReport> CheckResultsAsync(string? check = null, int maxRows = 20, CancellationToken cancellationToken = default)
    {
        var history = new Checks.CheckHistory(config, warehouse);
        IReadOnlyList<Checks.CheckSummary> summaries;
        try
        {
            if (check is not null)
            {
                await history.OpenRowsAsync(check, cancellationToken);
            }

            summaries = await history.SummariesAsync(cancellationToken);
        }
        catch (ConfigException e)
        {
            throw new CatalogException(e.Message, e);
        }

        var states = new List<CheckState>();
        foreach (var summary in summaries.Where(s => check is null || s.Name == check)
            .OrderBy(s => s.Status is Checks.CheckStatus.Pass or null ? 1 : 0).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var open = summary.OpenRows > 0 ? await history.OpenRowsAsync(summary.Name, cancellationToken) : [];
            states.Add(new CheckState(
                summary.Name,
                summary.Definition?.Description,
                summary.Definition is { } definition ? Checks.CheckText.Severity(definition.Severity) : null,
                summary.Status is { } status ? Checks.CheckText.Status(status) : null,
                summary.LastRunAt,
                summary.FailingRows,
                summary.FailingSince,
                summary.OpenRows,
                [.. open.Take(maxRows).Select(r => new OpenCheckRow(r.Key, JsonNode.Parse(r.Row), r.FirstSeenAt, r.LastSeenAt))]));
        }

        return new CheckReport(states,
            "A check's open rows are what slipped (e.g. an overdue issue); failing_rows is the last run's true count. Query _gh_check_runs and _gh_check_rows for history.");
    }

    /// <summary>
    /// The map of the warehouse as Markdown, for an LLM to read first: how tables are named, the metadata columns and
    /// the live-rows filter, then every table with what it holds, its columns and how it joins the others.
    /// </summary>
    public async Task<string> WarehouseMapAsync(CancellationToken cancellationToken = default)
    {
        await warehouse.CheckReadableAsync(cancellationToken: cancellationToken);
        var streams = Streams();
        var map = new System.Text.StringBuilder();
        map.Append(CultureInfo.InvariantCulture, $"""
            # The Greenhouse warehouse ({warehouse.Kind})

            Data from the business's SaaS tools, landed one table per stream, read-only for you.

            - Every landed table has the key `id` (the vendor's id, text), the stream's typed columns, and metadata columns:
            {string.Concat(MetadataColumn.All.Skip(1).Select(m => $"  - `{m.Name}`: {m.Description}\n"))}- **{LiveRows}**
            - A field without a typed column is in the raw payload: `_gh_raw ->> 'field'`, nested `_gh_raw -> 'address' ->> 'country'`.
            - Amounts are integers in the currency's minor unit (cents) with the currency beside them.
            - Tools: `list_tables` (rows, freshness), `describe_table` (columns, joins, sample rows), `query` (one read-only statement,
              {Options.DefaultMaxRows} rows unless `max_rows` says otherwise), `sync_status` (is the data fresh, what failed).

            ## Landed tables

            """);
        foreach (var stream in streams)
        {
            map.Append(CultureInfo.InvariantCulture, $"### `{NameOf(stream)}` (stream {stream.FullName})\n\n");
            map.Append(stream.Spec.Description ?? $"Records of the {stream.FullName} stream.").Append("\n\n");
            foreach (var column in stream.Columns)
            {
                var notes = new List<string> { column.Type.ToString().ToLowerInvariant() };
                if (column.References is { } target)
                {
                    notes.Add($"→ `{ReferencedName(stream, target, streams)}.id`");
                }
                else if (column.Indexed)
                {
                    notes.Add("indexed");
                }

                map.Append(CultureInfo.InvariantCulture, $"- `{column.Name}` ({string.Join(", ", notes)}){(column.Description is { } d ? ": " + d : "")}\n");
            }

            map.Append('\n');
        }

        var models = await ModelsAsync(cancellationToken);
        if (models.Count > 0)
        {
            map.Append(CultureInfo.InvariantCulture, $"## Modelled relations ({ModelSchema})\n\nBuilt from the landed tables by the project's models; prefer them where they answer the question.\n\n");
            foreach (var (relation, info) in models)
            {
                map.Append(CultureInfo.InvariantCulture, $"- `{NameOf(relation)}` ({KindOf(info)}): {string.Join(", ", info.Columns.Select(c => c.Name))}\n");
            }
        }

        return map.ToString();
    }

    private async Task<TableDescription> DescribeStreamAsync(StreamDescriptor stream, IReadOnlyList<StreamDescriptor> streams, CancellationToken cancellationToken)
    {
        var info = await warehouse.DescribeRelationAsync(config.Schema, stream.TableName, cancellationToken);
        var types = info?.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase) ?? [];
        string TypeOf(string column, string fallback) => types.GetValueOrDefault(column, fallback);
        var metadata = MetadataColumn.All.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var columns = new List<ColumnDescription>
        {
            new(StreamDescriptor.KeyColumn, TypeOf(StreamDescriptor.KeyColumn, warehouse.Dialect.ColumnType(ColumnType.Text)), metadata[StreamDescriptor.KeyColumn].Description, true, true, null),
        };
        columns.AddRange(stream.Columns.Select(c => new ColumnDescription(
            c.Name,
            TypeOf(c.Name, warehouse.Dialect.ColumnType(c.Type)),
            c.Description,
            stream.IsIndexed(c),
            false,
            c.References is { } target ? ReferencedName(stream, target, streams) : null)));
        columns.AddRange(MetadataColumn.All.Skip(1).Select(m => new ColumnDescription(m.Name, TypeOf(m.Name, ""), m.Description, false, true, null)));

        var selected = string.Join(", ", new[] { StreamDescriptor.KeyColumn }.Concat(stream.Columns.Select(c => c.Name)).Select(Warehouse.SqlIdentifier.Quote));
        var samples = info is null
            ? []
            : await SampleAsync($"SELECT {selected} FROM {warehouse.TableSql(stream)} WHERE {MetadataColumn.DeletedAt} IS NULL ORDER BY _gh_last_synced DESC", cancellationToken);
        return new TableDescription(
            NameOf(stream),
            "stream",
            stream.FullName,
            stream.Spec.Description,
            $"{StreamDescriptor.KeyColumn} (the record's '{stream.PrimaryKey}')",
            columns,
            Relationships(stream, streams),
            samples,
            info is null
                ? "Not synced yet: the table does not exist until the stream's first sync."
                : $"{LiveRows} Sample rows are live rows, newest change first, without {MetadataColumn.Raw} (the raw payload: _gh_raw ->> 'field').");
    }

    /// <summary>Its columns that hold another stream's id, other streams' columns that hold its id, and values (emails, logins) other tables share.</summary>
    private List<TableRelationship> Relationships(StreamDescriptor stream, IReadOnlyList<StreamDescriptor> streams)
    {
        var name = NameOf(stream);
        var relationships = new List<TableRelationship>();
        foreach (var column in stream.Columns.Where(c => c.References is not null))
        {
            var other = ReferencedName(stream, column.References!, streams);
            relationships.Add(new TableRelationship("references", column.Name, other, StreamDescriptor.KeyColumn, $"{name}.{column.Name} = {other}.id"));
        }

        foreach (var other in streams.Where(s => s.Source == stream.Source))
        {
            foreach (var column in other.Columns.Where(c => c.References == stream.Name))
            {
                var otherName = NameOf(other);
                relationships.Add(new TableRelationship("referenced_by", StreamDescriptor.KeyColumn, otherName, column.Name, $"{otherName}.{column.Name} = {name}.id"));
            }
        }

        foreach (var column in stream.Columns.Where(c => c.Indexed && c.Type == ColumnType.Text))
        {
            foreach (var other in streams.Where(s => s != stream))
            {
                foreach (var match in other.Columns.Where(c => c.Indexed && c.Type == ColumnType.Text && SameValues(column.Name, c.Name)))
                {
                    var otherName = NameOf(other);
                    var join = column.Name.Contains("email", StringComparison.OrdinalIgnoreCase)
                        ? $"lower({name}.{column.Name}) = lower({otherName}.{match.Name})"
                        : $"{name}.{column.Name} = {otherName}.{match.Name}";
                    relationships.Add(new TableRelationship("shared_values", column.Name, otherName, match.Name, join));
                }
            }
        }

        return relationships;
    }

    /// <summary>Two indexed text columns hold the same kind of value: the same name, or both an email.</summary>
    private static bool SameValues(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
        || (a.EndsWith("email", StringComparison.OrdinalIgnoreCase) && b.EndsWith("email", StringComparison.OrdinalIgnoreCase));

    private async Task<IReadOnlyList<JsonObject>> SampleAsync(string select, CancellationToken cancellationToken)
    {
        var result = await _query.RunAsync(select, QueryService.Read(Options.SampleRows), cancellationToken);
        var cut = false;
        return [.. result.Rows.Select(row =>
        {
            var sample = new JsonObject();
            for (var i = 0; i < result.Columns.Count; i++)
            {
                sample[result.Columns[i]] = CatalogValues.ToJson(row[i], Options.MaxValueCharacters, ref cut);
            }

            return sample;
        })];
    }

    /// <summary>Rows of <paramref name="from"/> (a relation, or a parenthesised query with its alias) through the read path; null when counting fails or takes too long.</summary>
    private async Task<long?> CountAsync(string from, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _query.RunAsync($"SELECT count(*) FROM {from}", QueryService.Read(1, Options.CountTimeout), cancellationToken);
            return Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture);
        }
        catch (WarehouseException)
        {
            return null; // a statement that is no query (PRAGMA, SHOW), or too slow to count: the total stays unknown
        }
    }

    private async Task<IReadOnlyList<(ModelRelation Relation, RelationInfo Info)>> ModelsAsync(CancellationToken cancellationToken)
    {
        var models = new List<(ModelRelation, RelationInfo)>();
        foreach (var relation in await warehouse.ListModelRelationsAsync(ModelSchema, cancellationToken))
        {
            if (await warehouse.DescribeRelationAsync(relation, cancellationToken) is { } info)
            {
                models.Add((relation, info));
            }
        }

        return models;
    }

    private List<StreamDescriptor> Streams() => [.. SyncPlan.For(config).Streams];

    /// <summary>How the answer was cut, for the model to read; null when it is whole.</summary>
    private static string? CutNote(int returned, long? total, string? cutBy, int maxRows, bool valuesCut)
    {
        var of = total is { } all ? string.Create(CultureInfo.InvariantCulture, $"first {returned:N0} of {all:N0} rows") : string.Create(CultureInfo.InvariantCulture, $"first {returned:N0} rows; more were cut (not counted)");
        var note = cutBy switch
        {
            "max_rows" => string.Create(CultureInfo.InvariantCulture, $"{of} (max_rows {maxRows:N0}); aggregate in SQL, or raise max_rows, for the rest"),
            "characters" => $"{of}: the answer reached its size limit; select fewer columns, aggregate, or page with LIMIT/OFFSET",
            _ => null,
        };
        return valuesCut
            ? (note is null ? "" : note + "; ") + "long text values were cut (select a part of them, e.g. a field of _gh_raw)"
            : note;
    }

    private static string Freshness(StreamStatus status)
    {
        var limit = status.MaxStaleness is { } max ? $" (max_staleness {Duration.Format(max)})" : "";
        return status switch
        {
            { LastSuccess: null } => $"never synced successfully{limit}",
            { Stale: true } => $"stale: last synced {Age(status.Staleness!.Value)} ago{limit}",
            _ => $"fresh: last synced {Age(status.Staleness!.Value)} ago{limit}",
        };
    }

    private static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => $"{Math.Max(0, (int)age.TotalSeconds)} s",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min",
        { TotalHours: < 48 } => $"{(int)age.TotalHours} h {age.Minutes} min",
        _ => $"{(int)age.TotalDays} days {age.Hours} h",
    };

    /// <summary>The text of one statement without the semicolons and blanks after it, to wrap in a count.</summary>
    private static string TrimStatement(string sql) => sql.TrimEnd().TrimEnd(';').TrimEnd();

    /// <summary>How SQL names the stream's table, unquoted (every part is a plain identifier): <c>raw.stripe_customers</c>, <c>raw_stripe_customers</c>.</summary>
    private string NameOf(StreamDescriptor stream) => warehouse.TableSql(stream).Replace("\"", "", StringComparison.Ordinal);

    private static string NameOf(ModelRelation relation) => relation.Sql.Replace("\"", "", StringComparison.Ordinal);

    private static string KindOf(RelationInfo info) => info.Kind == RelationKind.View ? "view" : "table";

    private string ReferencedName(StreamDescriptor stream, string target, IReadOnlyList<StreamDescriptor> streams) =>
        streams.FirstOrDefault(s => s.Source == stream.Source && s.Name == target) is { } other
            ? NameOf(other)
            : NameOf(new StreamDescriptor(stream.Source, target, StreamDescriptor.KeyColumn, []));

    /// <summary>The names a stream's table answers to: the stream, the table, and the table as SQL names it.</summary>
    private string[] Names(StreamDescriptor stream) => [stream.FullName, stream.TableName, NameOf(stream), $"{config.Schema}.{stream.TableName}"];

    private static string[] Names(ModelRelation relation) => [NameOf(relation), relation.Name, $"{relation.Schema}.{relation.Name}", relation.TableName];
}
