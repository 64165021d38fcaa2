using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Reads one Stripe object type. A run lists objects by <c>created</c> in its window (all of them on a full
/// refresh), then, on an incremental run, replays the window's events whose <c>data.object</c> is this type:
/// that is how updates to and deletions of old objects are caught (Stripe keeps events for 30 days; the
/// source's periodic reconcile full refresh covers anything older). Each page's checkpoint resumes the
/// listing right after it, within the same window. A page that ends at an object a page of this run already ended
/// at (a cursor handed back twice) fails the stream instead of looping.
/// </summary>
internal sealed class StripeStream(string source, StripeStreamDefinition definition, StripeApi api) : ISourceStream
{
    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var progress = context.Resume is JsonObject resume ? StripeProgress.From(resume) : StripeProgress.Start(context);
        var pageNumber = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (progress.StartingAfter is { } resumed)
        {
            seen.Add(resumed);
        }

        if (progress.Phase == StripeProgress.ListPhase)
        {
            while (true)
            {
                var listing = progress;
                using var page = await ListAsync(
                    after => $"{definition.Path}?{Query(definition.ExtraQuery, listing.ListFrom, listing.WindowEnd, after)}",
                    progress.StartingAfter, ++pageNumber, cancellationToken);
                var asOf = page.ServedAt;
                var records = new List<SourceRecord>(page.Count);
                foreach (var item in page.Data.EnumerateArray())
                {
                    records.Add(new SourceRecord(item.Clone(), asOf));
                }

                progress = NextAfter(page, seen, pageNumber) is { } lastId
                    ? progress with { StartingAfter = lastId }
                    : progress with { Phase = context.Mode == SyncMode.Incremental ? StripeProgress.EventsPhase : StripeProgress.DonePhase, StartingAfter = null };
                yield return new Page(records, progress.ToJson());
                if (progress.Phase != StripeProgress.ListPhase)
                {
                    break;
                }
            }
        }

        while (progress.Phase == StripeProgress.EventsPhase)
        {
            var types = string.Join('&', definition.EventTypes.Select(t => "types[]=" + Uri.EscapeDataString(t)));
            var listing = progress;
            using var page = await ListAsync(
                after => $"v1/events?{Query(types, listing.EventsFrom, listing.WindowEnd, after)}",
                progress.StartingAfter, ++pageNumber, cancellationToken);
            var records = new List<SourceRecord>(page.Count);
            foreach (var stripeEvent in page.Data.EnumerateArray())
            {
                // The snapshot is valid as of the event's time; the warehouse keeps whichever snapshot is newest.
                var created = DateTimeOffset.FromUnixTimeSeconds(stripeEvent.GetProperty("created").GetInt64());
                var deleted = stripeEvent.GetProperty("type").GetString()!.EndsWith(".deleted", StringComparison.Ordinal);
                records.Add(new SourceRecord(stripeEvent.GetProperty("data").GetProperty("object").Clone(), created, deleted));
            }

            progress = NextAfter(page, seen, pageNumber) is { } lastId
                ? progress with { StartingAfter = lastId }
                : progress with { Phase = StripeProgress.DonePhase, StartingAfter = null };
            yield return new Page(records, progress.ToJson());
        }

        var cursor = new JsonObject { ["created"] = progress.WindowEnd, ["events"] = progress.WindowEnd };
        yield return new Page([], null, cursor, IsLast: true);
    }

    /// <summary>The object the next page starts after, or null on the last page; one handed out before in this run fails the stream.</summary>
    private string? NextAfter(StripeListPage page, HashSet<string> seen, int pageNumber)
    {
        if (!page.HasMore || page.LastId is not { } lastId)
        {
            return null;
        }

        if (!seen.Add(lastId))
        {
            throw new SourceException(
                $"{Descriptor.FullName}: Stripe's page {pageNumber} ends at '{lastId}' again; stopping instead of paging in a loop. " +
                "The pages before it were committed and the cursor did not move; the next run resumes from the last checkpoint.");
        }

        return lastId;
    }

    /// <summary>
    /// Lists a page; if the object a resumed run continues after has been deleted meanwhile (Stripe answers
    /// 400 on starting_after), restarts the listing from the top of the window: upserts are idempotent.
    /// </summary>
    private async Task<StripeListPage> ListAsync(Func<string?, string> pathAndQuery, string? startingAfter, int pageNumber, CancellationToken cancellationToken)
    {
        try
        {
            return await api.ListAsync(Descriptor.FullName, pathAndQuery(startingAfter), pageNumber, cancellationToken);
        }
        catch (StripeCursorGoneException) when (startingAfter is not null)
        {
            return await api.ListAsync(Descriptor.FullName, pathAndQuery(null), pageNumber, cancellationToken);
        }
    }

    private static string Query(string extra, long? from, long windowEnd, string? startingAfter)
    {
        var query = new StringBuilder($"limit={StripeApi.PageSize}");
        if (extra.Length > 0)
        {
            query.Append('&').Append(extra);
        }

        if (from is { } gte)
        {
            query.Append("&created[gte]=").Append(gte);
        }

        query.Append("&created[lt]=").Append(windowEnd);
        if (startingAfter is not null)
        {
            query.Append("&starting_after=").Append(Uri.EscapeDataString(startingAfter));
        }

        return query.ToString();
    }
}
