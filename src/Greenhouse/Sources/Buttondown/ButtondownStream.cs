using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Buttondown;

/// <summary>
/// Reads one Buttondown list, following each page's <c>next</c> URL until it is null. A full refresh lists everything.
/// An incremental run narrows the listing the way the definition says: one listing per change-date filter
/// (<c>?date__start=…</c>, <c>?unsubscription_date__start=…</c>, … from the last run's day minus the lookback), or one
/// newest-modified-first listing that stops at the first object modified before the cursor minus the lookback.
/// A page's checkpoint is the listing and the next page's URL; a <c>next</c> seen twice in one run fails the stream
/// instead of looping. The cursor moves only when the last listing completes.
/// </summary>
internal sealed class ButtondownStream(string source, ButtondownStreamDefinition definition, ButtondownApi api) : ISourceStream
{
    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var progress = context.Resume is JsonObject resume ? Progress.From(resume) : Start(context);
        var listings = Listings(progress.Since);
        var stopBefore = definition.ModifiedField is not null && progress.Since is { } s ? Instant(s) : (DateTimeOffset?)null;
        var maxModified = progress.MaxModified;
        var reader = new PagedReader(new JsonLinkPaginator(), (next, pageNumber) =>
            $"{Descriptor.FullName}: Buttondown's page {pageNumber} points 'next' at {new Uri(next, UriKind.RelativeOrAbsolute)} again; stopping instead of paging in a loop. " +
            "The pages before it were committed; the next run starts this listing over.");
        var from = progress.Next ?? listings[progress.Listing];
        while (true)
        {
            await foreach (var (page, _, listedNext) in reader.ReadAsync(
                from, (url, pageNumber, token) => api.ListAsync(Descriptor.FullName, url!, pageNumber, token), cancellationToken))
            {
                var records = new List<SourceRecord>(page.Count);
                var reachedOlder = false;
                foreach (var item in page.Items)
                {
                    if (definition.ModifiedField is { } field && Modified(item, field) is { } modified)
                    {
                        if (stopBefore is { } bound && modified < bound)
                        {
                            reachedOlder = true;
                            break;
                        }

                        if (maxModified is null || modified > Instant(maxModified))
                        {
                            maxModified = Format(modified);
                        }
                    }

                    records.Add(new SourceRecord(item.Clone(), page.ServedAt));
                }

                if (!reachedOlder && listedNext is { } next)
                {
                    progress = progress with { Next = next, MaxModified = maxModified };
                    yield return new Page(records, progress.ToJson());
                    continue;
                }

                if (progress.Listing + 1 == listings.Count)
                {
                    yield return new Page(records, null, Cursor(context, maxModified), IsLast: true);
                    yield break;
                }

                // This listing is done; the next one starts from its first page.
                progress = progress with { Listing = progress.Listing + 1, Next = null, MaxModified = maxModified };
                yield return new Page(records, progress.ToJson());
                break;
            }

            from = listings[progress.Listing];
        }
    }

    /// <summary>The URLs this run lists: the whole list, or one per change-date filter from <paramref name="since"/>.</summary>
    private List<string> Listings(string? since)
    {
        var path = definition.ModifiedField is { } field ? $"{definition.Path}?ordering=-{field}" : definition.Path;
        return since is null || definition.ChangeDateFilters.Count == 0
            ? [path]
            : [.. definition.ChangeDateFilters.Select(filter => $"{definition.Path}?{filter}__start={since}")];
    }

    private Progress Start(StreamReadContext context)
    {
        if (context.Mode == SyncMode.FullRefresh)
        {
            return new Progress(0, null, null, null);
        }

        if (definition.ModifiedField is not null)
        {
            var cursor = (string?)context.Cursor?["modified"];
            var from = context.Since ?? (cursor is null ? null : Instant(cursor) - context.Lookback);
            return new Progress(0, null, from is { } f ? Format(f) : null, null);
        }

        // Buttondown's date filters take a day: re-list from the day the last run ran, minus the lookback.
        var through = (string?)context.Cursor?["through"];
        DateOnly? day = context.Since is { } since ? DateOnly.FromDateTime(since.UtcDateTime)
            : through is null ? null
            : DateOnly.ParseExact(through, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-(int)Math.Ceiling(context.Lookback.TotalDays));
        return new Progress(0, null, day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    private JsonObject Cursor(StreamReadContext context, string? maxModified) => definition.ModifiedField is not null
        ? new JsonObject { ["modified"] = maxModified ?? (string?)context.Cursor?["modified"] }
        : new JsonObject { ["through"] = DateOnly.FromDateTime(context.WindowEnd.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    private static DateTimeOffset? Modified(JsonElement item, string field) =>
        item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : null;

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Where a run is: which listing, the next page's URL in it, the filter's start, and the newest modification seen.</summary>
    private sealed record Progress(int Listing, string? Next, string? Since, string? MaxModified)
    {
        public static Progress From(JsonObject json) =>
            new((int?)json["listing"] ?? 0, (string?)json["next"], (string?)json["since"], (string?)json["max_modified"]);

        public JsonObject ToJson() => new()
        {
            ["listing"] = Listing,
            ["next"] = Next,
            ["since"] = Since,
            ["max_modified"] = MaxModified,
        };
    }
}
