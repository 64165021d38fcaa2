using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.GraphQL;

/// <summary>
/// The one Relay paginator every GraphQL stream uses: pages a connection with <c>first</c>/<c>after</c> until
/// <c>pageInfo.hasNextPage</c> is false, each page's checkpoint resuming after its <c>endCursor</c> under the same
/// <c>updatedAt</c> filter. An <c>endCursor</c> seen before in the run fails the stream instead of looping.
/// The cursor is the latest <c>updatedAt</c> seen; it only moves when the listing completes.
/// </summary>
internal sealed class GraphQLStream(string source, GraphQLStreamDefinition definition, GraphQLClient client, int pageSize) : ISourceStream
{
    private const string CursorKey = "updated_at";

    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var progress = context.Resume is JsonObject resume ? GraphQLProgress.From(resume) : Start(context);
        var reader = new PagedReader(new RelayPaginator(definition.Connection), (endCursor, pageNumber) =>
            $"{Descriptor.FullName}: page {pageNumber} of {definition.Connection} returned endCursor \"{endCursor}\" again, so paging would never end. " +
            "Stopped instead of looping; nothing from this page was committed and the cursor did not move.");
        await foreach (var (page, _, next) in reader.ReadAsync(progress.After, (after, pageNumber, token) =>
            client.QueryConnectionAsync(Descriptor.FullName, definition.Connection, definition.Query, Variables(progress.UpdatedAfter, after), pageNumber, token), cancellationToken))
        {
            var records = new List<SourceRecord>(page.Count);
            var maxUpdatedAt = progress.MaxUpdatedAt;
            foreach (var node in page.Items)
            {
                records.Add(new SourceRecord(node.Clone(), page.ServedAt));
                if (Timestamp(node, definition.UpdatedAtPath) is { } updatedAt && (maxUpdatedAt is null || updatedAt > Parse(maxUpdatedAt)))
                {
                    maxUpdatedAt = Format(updatedAt);
                }
            }

            if (next is null)
            {
                // Streams without an updatedAt filter keep no cursor, so every run of them is a full refresh.
                var cursor = definition.Incremental && maxUpdatedAt is not null ? new JsonObject { [CursorKey] = maxUpdatedAt } : null;
                yield return new Page(records, null, cursor, IsLast: true);
                yield break;
            }

            progress = progress with { After = next, MaxUpdatedAt = maxUpdatedAt };
            yield return new Page(records, progress.ToJson());
        }
    }

    private JsonObject Variables(string? updatedAfter, string? after)
    {
        var variables = new JsonObject { ["first"] = pageSize, ["after"] = after };
        if (definition.Incremental)
        {
            variables[definition.FilterVariable] = updatedAfter is { } from
                ? new JsonObject { ["updatedAt"] = new JsonObject { [definition.AfterOperator] = from } }
                : null;
        }

        return variables;
    }

    private GraphQLProgress Start(StreamReadContext context)
    {
        var previous = context.Cursor?[CursorKey] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (!definition.Incremental || context.Mode == SyncMode.FullRefresh)
        {
            return new GraphQLProgress(null, null, previous);
        }

        var from = context.Since ?? (previous is null ? (DateTimeOffset?)null : Parse(previous) - context.Lookback);
        return new GraphQLProgress(from is { } f ? Format(f) : null, null, previous);
    }

    private static DateTimeOffset? Timestamp(JsonElement node, string path) =>
        JsonPath.Find(node, path) is { ValueKind: JsonValueKind.String } value
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
