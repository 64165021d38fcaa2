namespace Greenhouse.Sources.Rest;

/// <summary>A declarative REST source (<c>type: rest</c>): how to authenticate, and each stream's endpoint, paging and columns.</summary>
public sealed record RestSourceConfig(RestAuthConfig Auth, IReadOnlyList<RestStreamConfig> Streams);
