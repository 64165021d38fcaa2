namespace Greenhouse.Serve;

public sealed record HealthDocument(string Status, IReadOnlyList<string>? Problems);
