namespace Greenhouse.Sources;

/// <summary>
/// What a connector reads from one verified webhook event: the stream it belongs to (by name) and the object as a
/// sync would land it, its <see cref="SourceRecord.AsOf"/> the time the vendor says it describes. <see cref="Warnings"/>
/// are the connector's findings about the event (it came in another API version), logged like conversion warnings.
/// </summary>
internal readonly record struct WebhookRecord(string Stream, SourceRecord Record, IReadOnlyList<string>? Warnings = null);
