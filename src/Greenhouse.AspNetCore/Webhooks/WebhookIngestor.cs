using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Greenhouse.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Greenhouse.Serve.Webhooks;

/// <summary>
/// Receives one webhook delivery: finds the source, reads at most <see cref="GreenhouseConfig.WebhookMaxBytes"/>,
/// verifies the signature over the exact bytes, and applies the event through <see cref="IEventStore"/> before
/// answering 2xx, so an acknowledged event is durable; concurrent requests share one commit through an
/// <see cref="EventGroupWriter"/>. A tie with the stored snapshot is settled first (<see cref="WebhookTieBreaker"/>:
/// the object read from the vendor's API, or the stored row kept), under the object's lock (<see cref="ObjectLocks"/>). Redeliveries answer 200 <c>duplicate</c>; when the warehouse cannot be reached the
/// answer is 503 with <c>Retry-After</c>, so the vendor retries. Never logs a secret or a signature.
/// </summary>
public sealed class WebhookIngestor(GreenhouseConfig config, IWarehouse warehouse, TimeProvider clock, ILogger<WebhookIngestor> logger)
    : IAsyncDisposable
{
    /// <summary>Seconds a vendor is asked to wait before retrying when the warehouse is unreachable.</summary>
    public const int RetryAfterSeconds = 10;

    private const int ChunkBytes = 16 * 1024;

    private readonly Dictionary<string, (SourcePlan Source, IWebhookVerifier? Verifier)> _sources =
        SyncPlan.For(config).Sources.ToDictionary(s => s.Config.Name, s => (s, WebhookVerifiers.For(s.Config, config.Connectors)), StringComparer.Ordinal);
    private readonly EventGroupWriter _writer = new(warehouse, IsUnavailable);
    private readonly WebhookTieBreaker _ties = new(config, warehouse, clock, logger);
    private readonly ObjectLocks _objects = new();

    /// <summary>Ties with a stored snapshot kept as stored (not settled by the vendor's API) since the receiver started.</summary>
    public long TiesKept => _ties.TiesKept;

    /// <summary>Stops taking events; those already queued are committed (and answered) first.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        _ties.Dispose();
    }

    /// <summary>Handles <c>POST /webhooks/{source}</c>.</summary>
    public async Task<Results<JsonHttpResult<WebhookAck>, ProblemHttpResult>> HandleAsync(
        string source, HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_sources.TryGetValue(source, out var entry))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown source",
                $"No source named '{source}' is configured. Configured sources: {string.Join(", ", _sources.Keys.Order(StringComparer.Ordinal))}.");
        }

        var (sourcePlan, verifier) = entry;
        var sourceConfig = sourcePlan.Config;
        if (sourceConfig.WebhookSecret is not { } secret)
        {
            return Problem(StatusCodes.Status404NotFound, "Webhooks not enabled",
                $"Webhooks are not enabled for source '{source}': set sources.{source}.webhook_secret in greenhouse.yml.");
        }

        if (verifier is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Webhooks not enabled",
                $"Source '{source}' (type {sourceConfig.Type}) has no webhook signature scheme: set sources.{source}.webhook_signature.");
        }

        var max = config.WebhookMaxBytes;
        if (request.ContentLength > max)
        {
            return TooLarge(source, max);
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(request, max, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return TooLarge(source, max);
        }

        var now = clock.GetUtcNow();
        var headers = request.Headers.ToWebhookHeaders();
        var check = verifier.Verify(headers, body, secret.Value, now);
        if (!check.Verified)
        {
            // The reason names what failed, never the secret or the signature.
            logger.LogWarning("Webhook for source {Source} refused: {Reason}", source, check.Reason);
            return check.Failure == WebhookFailure.Mismatch
                ? Problem(StatusCodes.Status401Unauthorized, "Bad signature", $"The webhook signature for source '{source}' is not valid: {check.Reason}.")
                : Problem(StatusCodes.Status400BadRequest, "Bad signature", $"The webhook for source '{source}' was refused: {check.Reason}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            logger.LogWarning("Webhook for source {Source} refused: the body is not JSON", source);
            return Problem(StatusCodes.Status400BadRequest, "Not JSON", $"The webhook body for source '{source}' is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (verifier.Identify(headers, root, body) is not { } identity)
            {
                logger.LogWarning("Webhook for source {Source} refused: the delivery carries no event id", source);
                return Problem(StatusCodes.Status400BadRequest, "No event id", $"The webhook for source '{source}' carries no event id.");
            }

            var mapped = Map(sourcePlan, identity, root, now);
            var webhookEvent = new WebhookEvent(source, identity.EventId, identity.Type, identity.Created, Encoding.UTF8.GetString(body));
            try
            {
                await warehouse.MigrateAsync(cancellationToken); // once per process: the warehouse remembers
                // A snapshot of the stored one's instant with other content: the vendor's API says which is the object now.
                // Settled and committed under the object's lock, so a second delivery of it settles against the first.
                using var held = mapped is { } m ? await _objects.TakeAsync(m.Stream.FullName + "\n" + m.Row.Id, cancellationToken) : null;
                var application = await _ties.SettleAsync(sourcePlan, new EventApplication(webhookEvent, mapped?.Stream, mapped?.Row), cancellationToken);
                var outcome = await _writer.ApplyAsync(application, now, cancellationToken);
                logger.LogDebug("Webhook {EventId} ({Type}) for source {Source}: {Outcome}", identity.EventId, identity.Type, source, outcome);
                return TypedResults.Json(new WebhookAck(EventOutcomeText.Of(outcome)), WebhookJsonContext.Default.WebhookAck);
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                logger.LogWarning("Webhook {EventId} for source {Source} not stored, asking the sender to retry: {Error}",
                    identity.EventId, source, ex is WarehouseException ? ex.Message : ex.GetType().Name);
                request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status503ServiceUnavailable, "Warehouse unavailable",
                    "The warehouse cannot be reached right now; the event was not stored. Retry later.");
            }
        }
    }

    private (StreamDescriptor Stream, RecordRow Row)? Map(SourcePlan source, WebhookIdentity identity, JsonElement root, DateTimeOffset received)
    {
        try
        {
            if (WebhookMapping.Map(source, identity, root, received) is not { } mapped)
            {
                return null;
            }

            foreach (var warning in mapped.Warnings)
            {
                logger.LogWarning("Webhook {EventId} for source {Source}: {Warning}", identity.EventId, source.Config.Name, warning);
            }

            return (mapped.Stream, mapped.Row);
        }
        catch (SourceException ex)
        {
            // Authentic but without a usable object: keep the event, land nothing.
            logger.LogWarning("Webhook {EventId} for source {Source} is stored only: {Problem}", identity.EventId, source.Config.Name, ex.Message);
            return null;
        }
    }

    /// <summary>The body, or null once it passes <paramref name="max"/> bytes; never holds more than the limit.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long max, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > max))
        {
            limit.MaxRequestBodySize = max;
        }

        var buffer = new byte[Math.Min(request.ContentLength ?? ChunkBytes, Math.Min(max, Array.MaxLength))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total >= max)
                {
                    // Full at the limit: one more byte means too large.
                    var probe = new byte[1];
                    return await request.Body.ReadAsync(probe, cancellationToken) == 0 ? buffer : null;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, ChunkBytes), Math.Min(max, Array.MaxLength)));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                return total == buffer.Length ? buffer : buffer[..total];
            }

            total += read;
        }
    }

    private static bool IsUnavailable(Exception ex) => ex switch
    {
        WarehouseException or NpgsqlException or SocketException or TimeoutException => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
    };

    private ProblemHttpResult TooLarge(string source, long max)
    {
        logger.LogWarning("Webhook for source {Source} refused: the body is larger than {MaxBytes} bytes", source, max);
        return Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large",
            $"Webhook bodies are limited to {max} bytes (webhook_max_bytes).");
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
