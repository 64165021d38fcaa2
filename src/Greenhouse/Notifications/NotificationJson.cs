using System.Text.Json.Serialization;

namespace Greenhouse.Notifications;

/// <summary>The JSON Greenhouse posts: Slack's and Telegram's request bodies and the generic webhook's documented object.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackPayload))]
[JsonSerializable(typeof(TelegramPayload))]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class NotificationJson : JsonSerializerContext;

internal sealed record SlackPayload(string Text, IReadOnlyList<SlackBlock> Blocks);

internal sealed record SlackBlock(string Type, SlackText Text);

internal sealed record SlackText(string Type, string Text);

internal sealed record TelegramPayload(string ChatId, string Text, string? ParseMode, TelegramLinkPreview? LinkPreviewOptions);

internal sealed record TelegramLinkPreview(bool IsDisabled);

/// <summary>
/// The generic webhook's body: <c>{"level","kind","title","text","source","sources","streams":[…],"run_id","at"}</c>;
/// each stream has <c>stream</c>, <c>status</c> and, when known, counts, <c>seconds</c>, <c>error</c>, <c>since</c>, <c>last_success</c>.
/// </summary>
internal sealed record WebhookPayload(
    string Level,
    string Kind,
    string Title,
    string Text,
    string Source,
    IReadOnlyList<string> Sources,
    IReadOnlyList<NotificationStream> Streams,
    long? RunId,
    DateTimeOffset At);
