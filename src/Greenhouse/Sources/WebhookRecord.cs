namespace Greenhouse.Sources;

/// <summary>
/// What a connector reads from one verified webhook event: the stream it belongs to (by name) and the object as a
/// sync would land it, its <see cref="SourceRecord.AsOf"/> the time the vendor says it describes.
/// </summary>
internal readonly record struct WebhookRecord(string Stream, SourceRecord Record);
