using Greenhouse.Config;

namespace Greenhouse.Sources;

/// <summary>What an <see cref="IDeclarativeConnector"/> read from its section: its own options, and each declared stream's settings.</summary>
public sealed record DeclaredStreams(object Options, IReadOnlyDictionary<string, StreamSettings> Settings);
