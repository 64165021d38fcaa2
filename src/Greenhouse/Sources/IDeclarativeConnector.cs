using Greenhouse.Config;

namespace Greenhouse.Sources;

/// <summary>
/// A connector whose streams are declared in its source's config section (the declarative REST source): it reads its
/// own keys of that section, and <see cref="SourceConfig.ConnectorOptions"/> carries what it read.
/// </summary>
public interface IDeclarativeConnector : IConnector
{
    /// <summary>Reads the connector's keys of <paramref name="source"/> (e.g. <c>auth:</c>, <c>streams:</c>) with the section's errors.</summary>
    DeclaredStreams ReadStreams(ConfigSection source);
}
