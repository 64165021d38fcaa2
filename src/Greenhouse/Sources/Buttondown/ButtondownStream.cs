using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Buttondown;

/// <summary>
/// Reads one Buttondown list whole, following each page's <c>next</c> URL until it is null. Buttondown's list
/// endpoints have no "changed since" filter, so every run (incremental or not) lists everything; unchanged rows are
/// not rewritten, and rows Buttondown no longer returns are soft-deleted by the reconcile full refresh.
/// A page's checkpoint is the next page's URL; a <c>next</c> seen twice in one run fails the stream instead of looping.
/// </summary>
internal sealed class ButtondownStream(string source, ButtondownStreamDefinition definition, ButtondownApi api) : ISourceStream
{
    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var url = (string?)context.Resume?["next"] ?? definition.Path;
        var seen = new HashSet<string>(StringComparer.Ordinal) { url };
        var pageNumber = 0;
        while (true)
        {
            using var page = await api.ListAsync(Descriptor.FullName, url, ++pageNumber, cancellationToken);
            var records = new List<SourceRecord>(page.Results.GetArrayLength());
            foreach (var item in page.Results.EnumerateArray())
            {
                records.Add(new SourceRecord(item.Clone(), page.ServedAt));
            }

            if (page.Next is not { } next)
            {
                yield return new Page(records, null, new JsonObject(), IsLast: true);
                yield break;
            }

            if (!seen.Add(next))
            {
                throw new SourceException(
                    $"{Descriptor.FullName}: Buttondown's page {pageNumber} points 'next' at {new Uri(next, UriKind.RelativeOrAbsolute)} again; stopping instead of paging in a loop. " +
                    "The pages before it were committed; the next run starts this listing over.");
            }

            url = next;
            yield return new Page(records, new JsonObject { ["next"] = next });
        }
    }
}
