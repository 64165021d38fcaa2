namespace Greenhouse.Sources;

/// <summary>One stream of a configured source: its description and the pages of one run.</summary>
public interface ISourceStream
{
    StreamDescriptor Descriptor { get; }

    /// <summary>
    /// True when every run reads the stream whole (a file has no incremental cursor): the engine runs it as a
    /// full refresh, so rows it no longer returns are soft-deleted each time. An interrupted run still resumes.
    /// </summary>
    bool AlwaysFullRefresh => false;

    /// <summary>Reads pages in order; the last page has <see cref="Page.IsLast"/> set (it may hold no records).</summary>
    IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, CancellationToken cancellationToken = default);
}
