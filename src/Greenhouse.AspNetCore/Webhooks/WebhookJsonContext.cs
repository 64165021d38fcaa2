using System.Text.Json.Serialization;

namespace Greenhouse.Serve.Webhooks;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WebhookAck))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
