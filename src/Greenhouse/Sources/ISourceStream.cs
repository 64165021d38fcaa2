namespace Greenhouse.Sources;

/// <summary>One stream of a configured source: its description and the pages of one run.</summary>
public interface ISourceStream
{
    StreamDescriptor Descriptor { get; }

    /// <summary>Reads pages in order; the last page has <see cref="Page.IsLast"/> set (it may hold no records).</summary>
    IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, CancellationToken cancellationToken = default);
}
