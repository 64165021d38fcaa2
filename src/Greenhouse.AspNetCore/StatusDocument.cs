namespace Greenhouse.Serve;

/// <summary>The body of <c>GET /api/status</c>.</summary>
public sealed record StatusDocument(DateTimeOffset Now, IReadOnlyList<StreamStatusDocument> Streams);
