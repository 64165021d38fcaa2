using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// Reads one stream of a REST source page by page. A page's checkpoint is the next page's URL (and the largest cursor
/// seen so far); the last page commits the cursor. An empty page ends the listing; a next URL or cursor seen twice in one
/// run fails the stream instead of looping. Incremental runs send the committed cursor minus the lookback.
/// </summary>
internal sealed class RestStream(string source, RestStreamConfig definition, RestApi api) : ISourceStream
{
    private readonly RestPaging _paging = new(definition.Pagination, api.Clean);

    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var committed = RestCursor.Parse((string?)context.Cursor?["value"]);
        var from = (string?)context.Resume?["next"] ?? FirstUrl(context, committed).AbsoluteUri;
        var max = RestCursor.Parse((string?)context.Resume?["max"]) ?? committed;
        var reader = new PagedReader(_paging, (next, pageNumber) =>
            $"{Descriptor.FullName}: page {pageNumber} points to the next page {new Uri(next).PathAndQuery} again; stopping instead of paging in a loop. " +
            $"The pages before it were committed; the next run starts this listing over. Check sources.{source}.streams.{Descriptor.Name}.pagination.");
        await foreach (var (page, _, next) in reader.ReadAsync(
            from, (url, pageNumber, token) => api.GetAsync(Descriptor, new Uri(url!), pageNumber, definition.Records, token), cancellationToken))
        {
            var records = new List<SourceRecord>(page.Count);
            foreach (var item in page.Items)
            {
                records.Add(new SourceRecord(item.Clone(), page.ServedAt));
                if (definition.Incremental is { } incremental && RestCursor.Read(item, incremental.CursorField) is { } value && (max is null || value > max))
                {
                    max = value;
                }
            }

            if (next is null)
            {
                var cursor = new JsonObject();
                if (max is { } last)
                {
                    cursor["value"] = RestCursor.Store(last);
                }

                yield return new Page(records, null, cursor, IsLast: true);
                yield break;
            }

            var resume = new JsonObject { ["next"] = next };
            if (max is { } sofar)
            {
                resume["max"] = RestCursor.Store(sofar);
            }

            yield return new Page(records, resume);
        }
    }

    private Uri FirstUrl(StreamReadContext context, DateTimeOffset? committed)
    {
        var url = api.Resolve(definition.Path);
        foreach (var (name, value) in definition.Params)
        {
            url = UrlQuery.With(url, name, value);
        }

        if (definition.Incremental is { } incremental)
        {
            // The window's end, rounded up to the second, so it includes everything up to the run's start.
            var end = DateTimeOffset.FromUnixTimeSeconds((context.WindowEnd.ToUnixTimeMilliseconds() + 999) / 1000);
            var firstWindow = incremental.FirstWindow is { } window ? end - window : (DateTimeOffset?)null;
            var start = context.Mode == SyncMode.FullRefresh
                ? firstWindow
                : context.Since ?? (committed is { } last ? last - context.Lookback : firstWindow);
            if (start is { } from)
            {
                url = UrlQuery.With(url, incremental.Param, RestCursor.Format(from, incremental.Format));
                if (incremental.EndParam is { } endParam)
                {
                    url = UrlQuery.With(url, endParam, RestCursor.Format(end, incremental.Format));
                }
            }
        }

        return _paging.First(url);
    }
}
