using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.Http;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Webhooks;

/// <summary>
/// Settles a tie before a webhook event is applied: when the stored row of the event's object holds a snapshot of the
/// same instant (the same <c>_gh_as_of</c>, lifecycle stage included) but other content, neither says which is later,
/// and the later delivery would win. A connector that can read the object from its API (an <see cref="IRefetchConnector"/>:
/// Stripe, whose advice for ordering is to retrieve the object) reads it now and that snapshot is applied instead,
/// as of when it was served. At most <see cref="SourceConfig.WebhookRefetchPerMinute"/> reads a source per minute,
/// through a client of the source's own (its base URL, credential, <c>requests_per_second</c>, at most two retries
/// and ten seconds an attempt, so a delivery is answered in time). When the budget is spent, or the object cannot be
/// read or no longer exists, the stored row is kept (the event is <see cref="EventOutcome.Stale"/>) and a warning
/// says why: a tie never regresses a row. Events of other connectors, and deletions, keep the usual rule.
/// </summary>
internal sealed class WebhookTieBreaker(GreenhouseConfig config, IEventStore store, TimeProvider clock, ILogger logger) : IDisposable
{
    private const int MaxRetries = 2;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly WebhookRefetchBudget _budget = new(clock);
    private readonly Dictionary<string, (VendorPacers Pacers, VendorHttpClient Http)> _clients = new(StringComparer.Ordinal);
    private long _kept;

    /// <summary>Ties kept as stored since the receiver started (each also logged as a warning).</summary>
    public long TiesKept => Interlocked.Read(ref _kept);

    /// <summary><paramref name="application"/> as it should be applied: unchanged, its row replaced by the API's, or keeping the stored row on a tie.</summary>
    public async Task<EventApplication> SettleAsync(SourcePlan source, EventApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(application);
        if (source.Connector is not IRefetchConnector connector || application is not { Stream: { } stream, Row: { Deleted: false } row }
            || await store.ReadSnapshotAsync(stream, row.Id, cancellationToken) is not { Deleted: false } stored
            || stored.AsOf != row.AsOf || stored.Hash == row.Hash)
        {
            return application;
        }

        var name = source.Config.Name;
        var perMinute = source.Config.WebhookRefetchPerMinute;
        if (perMinute == 0 || !_budget.TryTake(name, perMinute))
        {
            return Keep(application, stream, row.Id, perMinute == 0
                ? "webhook_refetch_per_minute is 0"
                : $"the re-fetch budget of {perMinute} a minute is spent (webhook_refetch_per_minute)");
        }

        try
        {
            if (await connector.RefetchAsync(source.Config, Client(source), stream.Name, row.Id, row.AsOf, cancellationToken) is not { } record)
            {
                return Keep(application, stream, row.Id,
                    "the API no longer has the object (404 or a deleted stub); its deletion event or the next full refresh removes the row");
            }

            var warnings = new List<string>();
            var settled = RecordConverter.ToRow(stream, record, 0, warnings);
            foreach (var warning in warnings)
            {
                logger.LogWarning("Webhook {EventId} for source {Source}: {Warning}", application.Event.EventId, name, warning);
            }

            if (settled.Id != row.Id)
            {
                return Keep(application, stream, row.Id, $"the API answered another object ({settled.Id})");
            }

            logger.LogInformation("Webhook {EventId} for source {Source}: {Stream} {Id} tied with the stored snapshot; applying the object as the API serves it now",
                application.Event.EventId, name, stream.FullName, row.Id);
            return application with { Row = settled };
        }
        catch (Exception ex) when (ex is SourceException or ConfigException or HttpRequestException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The messages name the credential's variable at most, never its value.
            return Keep(application, stream, row.Id, $"the object could not be read from the API: {ex.Message}");
        }
    }

    public void Dispose()
    {
        lock (_clients)
        {
            foreach (var (pacers, http) in _clients.Values)
            {
                http.Dispose();
                pacers.Dispose();
            }

            _clients.Clear();
        }
    }

    private EventApplication Keep(EventApplication application, StreamDescriptor stream, string id, string why)
    {
        var kept = Interlocked.Increment(ref _kept);
        logger.LogWarning(
            "Webhook {EventId} for source {Source}: {Stream} {Id} tied with the stored snapshot of the same instant and other content; kept the stored row ({Reason}; {Kept} ties kept since start)",
            application.Event.EventId, application.Event.Source, stream.FullName, id, why, kept);
        return application with { KeepStoredOnTie = true };
    }

    /// <summary>The source's client for re-fetches, made on first use (so its credential is read only when a tie needs it).</summary>
    private VendorHttpClient Client(SourcePlan source)
    {
        lock (_clients)
        {
            var name = source.Config.Name;
            if (!_clients.TryGetValue(name, out var client))
            {
                source.Config.ResolveCredentials();
                var pacers = new VendorPacers([source.Config], config.Connectors);
                var http = new VendorHttpClient(name, source.Config.BaseUrl ?? source.Connector.DefaultBaseUrl, pacers.For(source.Config),
                    Math.Min(source.Config.MaxRetries, MaxRetries), source.Config.RetryBaseDelay, AttemptTimeout, throttle: source.Connector.Throttle,
                    endpointPacers: pacers.EndpointsFor(source.Config));
                _clients[name] = client = (pacers, http);
            }

            return client.Http;
        }
    }
}
