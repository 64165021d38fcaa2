using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>Stripe's error responses: <c>{"error":{"type","code","message","param","doc_url"}}</c>, null fields left out.</summary>
internal static class StripeErrors
{
    public const string InvalidRequest = "invalid_request_error";
    public const string Api = "api_error";

    public const string RateLimitMessage =
        "Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.";

    public const string MissingKeyMessage =
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer "
        + "auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for "
        + "details, or we can help at https://support.stripe.com/.";

    public static IResult Result(int status, string type, string message, string? code = null, string? param = null) =>
        new JsonBytesResult(status, Body(type, message, code, param));

    public static IResult InvalidRequestError(string message, string? param = null, string? code = null) =>
        Result(StatusCodes.Status400BadRequest, InvalidRequest, message, code, param);

    public static IResult NoSuch(int status, StripeResource resource, string id, string param) =>
        Result(status, InvalidRequest, $"No such {resource.ObjectName}: '{id}'", "resource_missing", param);

    public static IResult RateLimited() =>
        Result(StatusCodes.Status429TooManyRequests, InvalidRequest, RateLimitMessage, "rate_limit");

    /// <summary>The error a fault rule asks for: 5xx are api_error, the rest invalid_request_error.</summary>
    public static IResult ForStatus(int status) => status switch
    {
        >= 500 => Result(status, Api, "An unknown error occurred while processing your request. Please try again.", null),
        401 => Result(status, InvalidRequest, "Invalid API Key provided: sk_test_********************0000"),
        402 => Result(status, "card_error", "Your card was declined.", "card_declined"),
        404 => Result(status, InvalidRequest, "The requested resource does not exist.", "resource_missing"),
        409 => Result(status, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with."),
        429 => RateLimited(),
        _ => Result(status, InvalidRequest, "The request could not be processed."),
    };

    public static byte[] Body(string type, string message, string? code, string? param)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, StripeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("type", type);
            if (code is not null)
            {
                w.WriteString("code", code);
            }

            w.WriteString("message", message);
            if (param is not null)
            {
                w.WriteString("param", param);
            }

            if (code is not null)
            {
                w.WriteString("doc_url", "https://stripe.com/docs/error-codes/" + code.Replace('_', '-'));
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Masks a key as Stripe does in error messages: keeps the <c>sk_live_</c>-style prefix and the last 4 characters.</summary>
    public static string MaskKey(string key)
    {
        var prefixLength = 0;
        if (key.Length > 3 && key[2] == '_')
        {
            var second = key.IndexOf('_', 3);
            if (second is > 3 and <= 8)
            {
                prefixLength = second + 1;
            }
        }

        var rest = key.Length - prefixLength;
        var shown = Math.Min(4, rest);
        return key[..prefixLength] + new string('*', rest - shown) + key[^shown..];
    }
}
