using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Reads one Stripe object type. A run lists objects by <c>created</c> in its window (all of them on a full
/// refresh), then, on an incremental run, replays the window's events whose <c>data.object</c> is this type:
/// that is how updates to and deletions of old objects are caught (Stripe keeps events for 30 days; the
/// source's periodic reconcile full refresh covers anything older). A replayed event lands only when its type is one
/// the stream asked for and its object is this stream's kind; any other is skipped with a warning (once per type and
/// kind in a run). Each page's checkpoint resumes the listing right after it, within the same window. A page that ends
/// at an object a page of this run already ended at (a cursor handed back twice) fails the stream instead of looping.
/// </summary>
internal sealed class StripeStream(string source, StripeStreamDefinition definition, StripeApi api, StripeVersionCheck versions) : ISourceStream
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
                    records.Add(definition.Record(item.Clone(), page.ServedAt));
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
            var skipped = new HashSet<(string, string?)>();
            await foreach (var (page, _, next) in reader.ReadAsync(progress.StartingAfter, (after, pageNumber, token) => ListAsync(
                startingAfter => $"v1/events?{Query(types, window.EventsFrom, window.WindowEnd, startingAfter)}", after, pageNumber, token), cancellationToken))
            {
                var records = new List<SourceRecord>(page.Count);
                var warnings = new List<string>();

                // Stripe lists newest first; oldest first, an object changed twice in this page keeps its newest snapshot on a tie.
                for (var i = page.Count - 1; i >= 0; i--)
                {
                    if (Replayed(page.Items[i], skipped, warnings) is { } record)
                    {
                        records.Add(record);
                    }
                }

                progress = next is not null ? progress with { StartingAfter = next } : progress with { Phase = StripeProgress.DonePhase, StartingAfter = null };
                yield return new Page(records, progress.ToJson(), Warnings: warnings);
            }
        }

        var cursor = new JsonObject { ["created"] = progress.WindowEnd, ["events"] = progress.WindowEnd };
        yield return new Page([], null, cursor, IsLast: true);
    }

    /// <summary>
    /// The snapshot a listed event carries, valid as of the event's time (the warehouse keeps whichever snapshot is
    /// newest), or null when this stream does not take the event: the first of each type and kind skipped adds a warning.
    /// </summary>
    private SourceRecord? Replayed(JsonElement item, HashSet<(string, string?)> skipped, List<string> warnings)
    {
        if (StripeEvent.Read(item) is not { } stripeEvent)
        {
            if (skipped.Add(("", null)))
            {
                warnings.Add($"{Descriptor.FullName}: skipped an event without an id, type, created time or data.object; later ones are skipped without a warning in this run.");
            }

            return null;
        }

        if (definition.Refuses(stripeEvent) is { } why)
        {
            if (skipped.Add((stripeEvent.Type, stripeEvent.ObjectKind)))
            {
                warnings.Add($"{Descriptor.FullName}: skipped event {stripeEvent.Id} ({stripeEvent.Type}): {why}. Nothing of it landed; "
                    + "later events of this type and kind are skipped without a warning in this run.");
            }

            return null;
        }

        if (versions.Check(stripeEvent) is { } drift)
        {
            warnings.Add($"{Descriptor.FullName}: {drift}");
        }

        return definition.Record(stripeEvent with { Object = stripeEvent.Object.Clone() });
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
