using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        if (progress.After is { } resumedAfter)
        {
            seenCursors.Add(resumedAfter);
        }

        var updatedAtPath = definition.UpdatedAtPath.Split('.');
        for (var pageNumber = 1; ; pageNumber++)
        {
            var variables = new JsonObject { ["first"] = pageSize, ["after"] = progress.After };
            if (definition.Incremental)
            {
                variables[definition.FilterVariable] = progress.UpdatedAfter is { } from
                    ? new JsonObject { ["updatedAt"] = new JsonObject { [definition.AfterOperator] = from } }
                    : null;
            }

            using var page = await client.QueryConnectionAsync(Descriptor.FullName, definition.Connection, definition.Query, variables, pageNumber, cancellationToken);
            var records = new List<SourceRecord>(page.Nodes.Count);
            var maxUpdatedAt = progress.MaxUpdatedAt;
            foreach (var node in page.Nodes)
            {
                records.Add(new SourceRecord(node.Clone(), page.ServedAt));
                if (Timestamp(node, updatedAtPath) is { } updatedAt && (maxUpdatedAt is null || updatedAt > Parse(maxUpdatedAt)))
                {
                    maxUpdatedAt = Format(updatedAt);
                }
            }

            if (!page.HasNextPage)
            {
                // Streams without an updatedAt filter keep no cursor, so every run of them is a full refresh.
                var cursor = definition.Incremental && maxUpdatedAt is not null ? new JsonObject { [CursorKey] = maxUpdatedAt } : null;
                yield return new Page(records, null, cursor, IsLast: true);
                yield break;
            }

            if (!seenCursors.Add(page.EndCursor!))
            {
                throw new SourceException(
                    $"{Descriptor.FullName}: page {pageNumber} of {definition.Connection} returned endCursor \"{page.EndCursor}\" again, so paging would never end. " +
                    "Stopped instead of looping; nothing from this page was committed and the cursor did not move.");
            }

            progress = progress with { After = page.EndCursor, MaxUpdatedAt = maxUpdatedAt };
            yield return new Page(records, progress.ToJson());
        }
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

    private static DateTimeOffset? Timestamp(JsonElement node, string[] path)
    {
        var element = node;
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
