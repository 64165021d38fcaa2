using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Sentry;

/// <summary>
/// Reads one Sentry list, page by page along the Link header's cursors. Issues are read within a window
/// (<c>start</c>/<c>end</c>: on a full refresh the retention period, incrementally from the last run's end minus the
/// lookback), so an issue with new events (a later <c>lastSeen</c>) is caught; projects and releases are listed whole.
/// A cursor Sentry hands back twice in one run fails the stream instead of looping.
/// </summary>
internal sealed class SentryStream(string source, SentryStreamDefinition definition, SentryApi api, TimeSpan retention) : ISourceStream
{
    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var progress = context.Resume is JsonObject resume ? SentryProgress.From(resume) : SentryProgress.Begin(context, definition.Windowed, retention);
        var reader = new PagedReader(new LinkCursorPaginator(), (next, pageNumber) =>
            $"{Descriptor.FullName}: Sentry returned the cursor '{next}' again on page {pageNumber}; stopping instead of paging in a loop. " +
            "The pages before it were committed; the next run starts this listing over.");
        await foreach (var (page, _, next) in reader.ReadAsync(progress.Cursor, (cursor, pageNumber, token) =>
            api.ListAsync(Descriptor.FullName, PathAndQuery(progress with { Cursor = cursor }), pageNumber, token), cancellationToken))
        {
            var records = new List<SourceRecord>(page.Count);
            foreach (var item in page.Items)
            {
                records.Add(new SourceRecord(item.Clone(), page.ServedAt));
            }

            progress = progress with { Cursor = next };
            // Records and the committed cursor go together on the stream's last page.
            yield return next is null
                ? new Page(records, null, definition.Windowed ? progress.CursorJson() : new JsonObject(), IsLast: true)
                : new Page(records, progress.ToJson());
        }
    }

    private string PathAndQuery(SentryProgress progress)
    {
        var query = new StringBuilder(api.PathOf(definition.Path)).Append('?');
        if (definition.Query.Length > 0)
        {
            query.Append(definition.Query).Append('&');
        }

        query.Append("limit=").Append(SentryApi.PageSize);
        if (progress.Start is { } start)
        {
            query.Append("&start=").Append(Uri.EscapeDataString(SentryProgress.Format(start)!));
        }

        if (progress.End is { } end)
        {
            query.Append("&end=").Append(Uri.EscapeDataString(SentryProgress.Format(end)!));
        }

        if (progress.Cursor is { } cursor)
        {
            query.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
        }

        return query.ToString();
    }
}
