using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Greenhouse.Sources.Http.Paging;

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
        var window = progress;
        var reader = new PagedReader(new StartingAfterPaginator(), (lastId, pageNumber) =>
            $"{Descriptor.FullName}: Stripe's page {pageNumber} ends at '{lastId}' again; stopping instead of paging in a loop. " +
            "The pages before it were committed and the cursor did not move; the next run resumes from the last checkpoint.");
        if (progress.Phase == StripeProgress.ListPhase)
        {
            await foreach (var (page, _, next) in reader.ReadAsync(progress.StartingAfter, (after, pageNumber, token) => ListAsync(
                startingAfter => $"{definition.Path}?{Query(definition.ExtraQuery, window.ListFrom, window.WindowEnd, startingAfter)}", after, pageNumber, token), cancellationToken))
            {
                var records = new List<SourceRecord>(page.Count);
                foreach (var item in page.Items)
                {
                    records.Add(new SourceRecord(item.Clone(), page.ServedAt));
                }

                progress = next is not null
                    ? progress with { StartingAfter = next }
                    : progress with { Phase = context.Mode == SyncMode.Incremental ? StripeProgress.EventsPhase : StripeProgress.DonePhase, StartingAfter = null };
                yield return new Page(records, progress.ToJson());
            }
        }

        if (progress.Phase == StripeProgress.EventsPhase)
        {
            var types = string.Join('&', definition.EventTypes.Select(t => "types[]=" + Uri.EscapeDataString(t)));
            await foreach (var (page, _, next) in reader.ReadAsync(progress.StartingAfter, (after, pageNumber, token) => ListAsync(
                startingAfter => $"v1/events?{Query(types, window.EventsFrom, window.WindowEnd, startingAfter)}", after, pageNumber, token), cancellationToken))
            {
                var records = new List<SourceRecord>(page.Count);
                foreach (var stripeEvent in page.Items)
                {
                    // The snapshot is valid as of the event's time; the warehouse keeps whichever snapshot is newest.
                    var created = DateTimeOffset.FromUnixTimeSeconds(stripeEvent.GetProperty("created").GetInt64());
                    var deleted = stripeEvent.GetProperty("type").GetString()!.EndsWith(".deleted", StringComparison.Ordinal);
                    records.Add(new SourceRecord(stripeEvent.GetProperty("data").GetProperty("object").Clone(), created, deleted));
                }

                progress = next is not null ? progress with { StartingAfter = next } : progress with { Phase = StripeProgress.DonePhase, StartingAfter = null };
                yield return new Page(records, progress.ToJson());
            }
        }

        var cursor = new JsonObject { ["created"] = progress.WindowEnd, ["events"] = progress.WindowEnd };
        yield return new Page([], null, cursor, IsLast: true);
    }

    /// <summary>
    /// Lists a page; if the object a resumed run continues after has been deleted meanwhile (Stripe answers
    /// 400 on starting_after), restarts the listing from the top of the window: upserts are idempotent.
    /// </summary>
    private async Task<ListPage> ListAsync(Func<string?, string> pathAndQuery, string? startingAfter, int pageNumber, CancellationToken cancellationToken)
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
