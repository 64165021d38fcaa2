using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>One webhook event to apply, with the stream and row it maps to (both null: the event is only kept).</summary>
public sealed record EventApplication(WebhookEvent Event, StreamDescriptor? Stream, RecordRow? Row);
