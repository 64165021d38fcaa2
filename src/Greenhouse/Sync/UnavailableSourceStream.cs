using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>
/// Stands for every stream of a source that could not even list them (say, a CSV folder that was removed): it runs
/// as <c>{source}.*</c>, lands no table and fails with the reason, so the run, <c>greenhouse status</c> and the
/// notifications say what is wrong while the other sources sync as usual.
/// </summary>
internal sealed class UnavailableSourceStream(string source, string reason) : ISourceStream
{
    public StreamDescriptor Descriptor { get; } = new(source, "*", StreamDescriptor.KeyColumn, []);

    public IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, CancellationToken cancellationToken = default) =>
        throw new SourceException(reason);
}
