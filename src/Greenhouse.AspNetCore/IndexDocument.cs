namespace Greenhouse.Serve;

/// <summary>The body of <c>GET /api</c> on <c>greenhouse serve</c>: what is running and where to look (the web UI is at <c>/</c>).</summary>
public sealed record IndexDocument(string Name, string Version, string Message, IReadOnlyDictionary<string, string> Endpoints, string Docs);
