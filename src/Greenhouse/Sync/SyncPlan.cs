using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>
/// The streams a config enables, source by source in config order, from the config and the connectors it was loaded
/// with. Every caller that lists "the configured streams" (sync, status, notifications, schedules, webhooks, the CLI)
/// reads them here. Building one lists each source's streams, so a source whose streams come from its config or
/// folder (REST, CSV) is read as it is now.
/// </summary>
public sealed class SyncPlan
{
    private SyncPlan(IReadOnlyList<SourcePlan> sources) => Sources = sources;

    public IReadOnlyList<SourcePlan> Sources { get; }

    /// <summary>Every enabled stream of the sources that could list theirs.</summary>
    public IEnumerable<StreamDescriptor> Streams => Sources.SelectMany(s => s.Streams);

    public static SyncPlan For(GreenhouseConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SyncPlan([.. config.Sources.Select(source => Source(config.Connectors[source.Type], source))]);
    }

    /// <summary>The enabled stream <paramref name="name"/> of source <paramref name="source"/>; null when it is not enabled.</summary>
    public StreamDescriptor? Stream(string source, string name) =>
        Sources.FirstOrDefault(s => s.Config.Name == source)?.Streams.FirstOrDefault(d => d.Name == name);

    private static SourcePlan Source(IConnector connector, SourceConfig source)
    {
        try
        {
            return new SourcePlan(source, connector, connector.StreamsFor(source), Unavailable: null);
        }
        catch (SourceException e)
        {
            // The source cannot list its streams (a CSV folder that is gone): it fails alone; the others still run.
            return new SourcePlan(source, connector, [], e.Message);
        }
    }
}
