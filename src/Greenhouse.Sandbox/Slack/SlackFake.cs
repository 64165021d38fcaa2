using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Slack;

/// <summary>
/// A fake Slack incoming webhook: <c>POST /slack/services/T…/B…/secret</c> with <c>{"text":…,"blocks":[…]}</c>
/// answers 200 <c>ok</c>, or Slack's plain-text errors (<c>invalid_payload</c>, <c>no_service</c>…).
/// Accepted messages are in <see cref="Messages"/>; <see cref="VendorFake.Faults"/> breaks requests (paths start at <c>/services/</c>).
/// </summary>
public sealed class SlackFake : ReceivingFake<SlackMessage>
{
    internal SlackFake()
        : base("slack")
    {
    }

    /// <summary>The messages accepted, in order.</summary>
    public IReadOnlyList<SlackMessage> Messages => Received;

    public override void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/services/{team}/{bot}/{secret}", (HttpContext http, string team, string bot, string secret) =>
            ReceiveAsync(http, team, bot, secret));

    private async Task<IResult> ReceiveAsync(HttpContext http, string team, string bot, string secret)
    {
        var path = $"/services/{team}/{bot}/{secret}";
        if (await AdmitAsync(http, path, path) is { } refused)
        {
            return refused;
        }

        if (!team.StartsWith('T') || !bot.StartsWith('B') || secret.Length < 8)
        {
            return Text(StatusCodes.Status404NotFound, "no_service");
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Text(StatusCodes.Status400BadRequest, "invalid_payload");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Text(StatusCodes.Status400BadRequest, "invalid_payload");
        }

        var text = body.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var hasBlocks = body.TryGetProperty("blocks", out var blocks);
        if (hasBlocks && blocks.ValueKind != JsonValueKind.Array)
        {
            return Text(StatusCodes.Status400BadRequest, "invalid_blocks");
        }

        if (string.IsNullOrEmpty(text) && !hasBlocks)
        {
            return Text(StatusCodes.Status400BadRequest, "missing_text_or_fallback_or_attachments");
        }

        Accept(new SlackMessage(path, text, body));
        return Text(StatusCodes.Status200OK, "ok");
    }

    private protected override IResult StatusFault(HttpContext http, int statusCode) => Text(statusCode, statusCode switch
    {
        400 => "invalid_payload",
        403 => "action_prohibited",
        404 => "channel_not_found",
        410 => "channel_is_archived",
        _ => "rollup_error",
    });

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault)
    {
        SetRetryAfter(http, fault.RetryAfterSeconds);
        return Text(StatusCodes.Status429TooManyRequests, "rate_limited");
    }

    private protected override IResult MalformedFault(HttpContext http, string path) => Text(StatusCodes.Status200OK, "o");

    private static IResult Text(int status, string body) => Results.Text(body, "text/plain; charset=utf-8", statusCode: status);
}
