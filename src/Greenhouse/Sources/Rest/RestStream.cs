using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Config;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// Reads one stream of a REST source page by page. A page's checkpoint is the next page's URL (and the largest cursor
/// seen so far); the last page commits the cursor. An empty page ends the listing; a next URL or cursor seen twice in one
/// run fails the stream instead of looping. Incremental runs send the committed cursor minus the lookback.
/// </summary>
internal sealed class RestStream(string source, RestStreamConfig definition, RestApi api) : ISourceStream
{
    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var committed = RestCursor.Parse((string?)context.Cursor?["value"]);
        var url = (string?)context.Resume?["next"] is { } resumed ? new Uri(resumed) : FirstUrl(context, committed);
        var max = RestCursor.Parse((string?)context.Resume?["max"]) ?? committed;
        var seen = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var pageNumber = 0;
        while (true)
        {
            using var response = await api.GetAsync(Descriptor, url, ++pageNumber, cancellationToken);
            if (RestJson.Find(response.Root, definition.Records) is not { ValueKind: JsonValueKind.Array } items)
            {
                throw new SourceException(
                    $"{Descriptor.FullName}: page {pageNumber} (GET {url.AbsolutePath}) has no array at records: '{definition.Records}'. " +
                    $"Nothing from this page was committed; check sources.{source}.streams.{Descriptor.Name}.records.");
            }

            var records = new List<SourceRecord>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                records.Add(new SourceRecord(item.Clone(), response.ServedAt));
                if (definition.Incremental is { } incremental && RestCursor.Read(item, incremental.CursorField) is { } value && (max is null || value > max))
                {
                    max = value;
                }
            }

            var next = records.Count == 0 ? null : RestPaging.Next(definition.Pagination, url, response, records.Count);
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

            next = api.Clean(next);
            if (!seen.Add(next.AbsoluteUri))
            {
                throw new SourceException(
                    $"{Descriptor.FullName}: page {pageNumber} points to the next page {next.PathAndQuery} again; stopping instead of paging in a loop. " +
                    $"The pages before it were committed; the next run starts this listing over. Check sources.{source}.streams.{Descriptor.Name}.pagination.");
            }

            url = next;
            var resume = new JsonObject { ["next"] = next.AbsoluteUri };
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
            url = RestUrl.With(url, name, value);
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
                url = RestUrl.With(url, incremental.Param, RestCursor.Format(from, incremental.Format));
                if (incremental.EndParam is { } endParam)
                {
                    url = RestUrl.With(url, endParam, RestCursor.Format(end, incremental.Format));
                }
            }
        }

        return RestPaging.First(definition.Pagination, url);
    }
}
