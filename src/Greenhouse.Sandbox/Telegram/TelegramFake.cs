using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Telegram;

/// <summary>
/// A fake Telegram Bot API: <c>GET|POST /telegram/bot&lt;token&gt;/sendMessage</c> with parameters in the query string,
/// a form or JSON answers <c>{"ok":true,"result":{…Message}}</c>, or Telegram's <c>{"ok":false,"error_code","description"}</c>
/// (401 for a token that is not <c>digits:letters</c>; 429 with <c>parameters.retry_after</c> from a rate-limit fault).
/// Accepted messages are in <see cref="Messages"/>; <see cref="VendorFake.Faults"/> breaks requests (paths start at <c>/bot</c>).
/// </summary>
public sealed partial class TelegramFake : ReceivingFake<TelegramMessage>
{
    private static readonly string[] ParseModes = ["MarkdownV2", "HTML", "Markdown"];

    private readonly TimeProvider _clock;
    private long _messageId;

    internal TelegramFake(TimeProvider clock)
        : base("telegram")
    {
        _clock = clock;
    }

    /// <summary>The messages accepted, in order.</summary>
    public IReadOnlyList<TelegramMessage> Messages => Received;

    // Not the route "/bot{token}/…": ASP.NET matches a complex segment's literal from the right, so a token containing "bot" would not match.
    public override void Map(IEndpointRouteBuilder routes) =>
        routes.MapMethods("/{bot}/{method}", ["GET", "POST"], (HttpContext http, string bot, string method) =>
            bot.StartsWith("bot", StringComparison.Ordinal)
                ? ReceiveAsync(http, bot[3..], method)
                : Task.FromResult<IResult>(Error(StatusCodes.Status404NotFound, "Not Found")));

    [GeneratedRegex(@"^[0-9]{1,20}:[A-Za-z0-9_-]{10,}$")]
    private static partial Regex TokenFormat();

    private async Task<IResult> ReceiveAsync(HttpContext http, string token, string method)
    {
        var path = $"/bot{token}/{method}";
        if (await AdmitAsync(http, path, path) is { } refused)
        {
            return refused;
        }

        if (!TokenFormat().IsMatch(token))
        {
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized");
        }

        if (!string.Equals(method, "sendMessage", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status404NotFound, "Not Found");
        }

        var parameters = await ParametersAsync(http.Request, http.RequestAborted);
        if (parameters is null)
        {
            return Error(StatusCodes.Status400BadRequest, "Bad Request: can't parse JSON object");
        }

        parameters.TryGetValue("chat_id", out var chatId);
        parameters.TryGetValue("text", out var text);
        parameters.TryGetValue("parse_mode", out var parseMode);
        if (string.IsNullOrEmpty(chatId))
        {
            return Error(StatusCodes.Status400BadRequest, "Bad Request: chat_id is empty");
        }

        if (string.IsNullOrEmpty(text))
        {
            return Error(StatusCodes.Status400BadRequest, "Bad Request: message text is empty");
        }

        if (text.Length > 4096)
        {
            return Error(StatusCodes.Status400BadRequest, "Bad Request: message is too long");
        }

        if (!string.IsNullOrEmpty(parseMode) && !ParseModes.Contains(parseMode, StringComparer.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, $"Bad Request: unsupported parse_mode");
        }

        var messageId = Interlocked.Increment(ref _messageId);
        Accept(new TelegramMessage(token, chatId, text, string.IsNullOrEmpty(parseMode) ? null : parseMode, messageId));
        return Json(StatusCodes.Status200OK, w =>
        {
            w.WriteBoolean("ok", true);
            w.WriteStartObject("result");
            w.WriteNumber("message_id", messageId);
            w.WriteNumber("date", _clock.GetUtcNow().ToUnixTimeSeconds());
            w.WriteStartObject("chat");
            if (long.TryParse(chatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                w.WriteNumber("id", id);
                w.WriteString("type", id < 0 ? "group" : "private");
            }
            else
            {
                w.WriteNumber("id", -1001234567890);
                w.WriteString("type", "channel");
                w.WriteString("username", chatId.TrimStart('@'));
            }

            w.WriteEndObject();
            w.WriteString("text", text);
            w.WriteEndObject();
        });
    }

    private protected override IResult StatusFault(HttpContext http, int statusCode) => Error(statusCode, statusCode switch
    {
        400 => "Bad Request: chat not found",
        401 => "Unauthorized",
        403 => "Forbidden: bot was blocked by the user",
        404 => "Not Found",
        _ => "Internal Server Error",
    });

    private protected override IResult RateLimitFault(HttpContext http, FaultRule fault) =>
        Error(StatusCodes.Status429TooManyRequests, $"Too Many Requests: retry after {fault.RetryAfterSeconds ?? 1}", fault.RetryAfterSeconds ?? 1);

    private protected override IResult MalformedFault(HttpContext http, string path) =>
        Results.Text("{\"ok\":tr", "application/json", statusCode: StatusCodes.Status200OK);

    /// <summary>The method's parameters from the query string, then a form or a JSON object; null when the JSON is invalid.</summary>
    private static async Task<Dictionary<string, string>?> ParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                parameters[key] = value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    parameters[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return parameters;
    }

    private static JsonBytesResult Error(int status, string description, int? retryAfter = null) => Json(status, w =>
    {
        w.WriteBoolean("ok", false);
        w.WriteNumber("error_code", status);
        w.WriteString("description", description);
        if (retryAfter is { } seconds)
        {
            w.WriteStartObject("parameters");
            w.WriteNumber("retry_after", seconds);
            w.WriteEndObject();
        }
    });

    private static JsonBytesResult Json(int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return new JsonBytesResult(status, buffer.WrittenMemory);
    }
}
