using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>
/// One configured source in a <see cref="SyncPlan"/>: its connector, the streams it offers, and those its config
/// enables (all of them unless <c>streams:</c> names some). <see cref="Unavailable"/> says why a source could not even
/// list its streams (a CSV folder that is gone); it then offers and enables none.
/// </summary>
public sealed record SourcePlan(SourceConfig Config, IConnector Connector, IReadOnlyList<StreamSpec> Offered, string? Unavailable)
{
    /// <summary>The enabled streams, in the connector's order, named for this source.</summary>
    public IReadOnlyList<StreamDescriptor> Streams { get; } =
        [.. Offered.Where(s => Config.Streams is null || Config.Streams.Contains(s.Name)).Select(s => new StreamDescriptor(Config.Name, s))];
}
