namespace Greenhouse.Serve;

/// <summary>The body of <c>GET /</c> on <c>greenhouse serve</c>: what is running and where to look, until the web UI lands.</summary>
public sealed record IndexDocument(string Name, string Version, string Message, IReadOnlyDictionary<string, string> Endpoints, string Docs);
