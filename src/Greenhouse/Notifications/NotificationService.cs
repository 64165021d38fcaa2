using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Status;
using Greenhouse.Sync;
using Greenhouse.Warehouse;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Notifications;

/// <summary>
/// Tells people what they need to know, once: a stream that starts failing (one error message, then a reminder
/// at most every <see cref="GreenhouseConfig.RemindEvery"/>, then one recovery message), values that did not fit
/// their column (warn), a succeeded run (success, for channels that opt in), and a stream older than its freshness
/// limits (one warn past warn_after or <c>max_staleness</c>, one error past error_after, reminders as above, then
/// "fresh again"). The state lives in the warehouse's
/// <c>_gh_alerts</c>, so restarts and several processes do not repeat messages. Each channel gets only its
/// configured levels; one run's failures are one message per channel. Sending never throws into the caller:
/// a channel that keeps failing is retried with backoff, then logged.
/// </summary>
public sealed class NotificationService : IDisposable
{
    private const string FailingStatus = "failing";

    private readonly GreenhouseConfig _config;
    private readonly IWarehouse _warehouse;
    private readonly TimeProvider _clock;
    private readonly ILogger<NotificationService> _logger;
    private readonly IReadOnlyList<NotificationChannel> _channels;
    private readonly HttpClient _http;
    private readonly NotificationSender _sender;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="warehouse">Where the alert state is kept and stream runs are read; the caller owns it.</param>
    /// <param name="handler">The HTTP handler to send with (tests, proxies); not disposed with the service.</param>
    public NotificationService(
        GreenhouseConfig config,
        IWarehouse warehouse,
        TimeProvider clock,
        ILogger<NotificationService> logger,
        NotificationOptions? options = null,
        HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _warehouse = warehouse;
        _clock = clock;
        _logger = logger;
        // Whoever sends notifications needs the channels' secrets: an unset variable fails here, not at the first message.
        foreach (var channel in config.Notifications)
        {
            channel.ResolveCredentials();
        }

        _channels = [.. config.Notifications.Select(NotificationChannel.Create)];
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Greenhouse/0.1 (+https://github.com/greenhouse-data/greenhouse)");
        _sender = new NotificationSender(_http, options ?? new NotificationOptions(), logger);
    }

    /// <summary>
    /// Called after every run: moves each stream's failing alert (start, remind, recover) and sends what is due.
    /// Never throws, except <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task RunFinishedAsync(RunSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await GuardAsync("the run's notifications", async () =>
        {
            var now = _clock.GetUtcNow();
            var alerts = await _warehouse.ReadAlertsAsync(cancellationToken);
            var failing = new List<(StreamRunResult Result, AlertRecord? Previous)>();
            var quiet = new List<AlertRecord>();
            var recovered = new List<(StreamRunResult Result, AlertRecord Previous)>();
            foreach (var result in summary.Streams)
            {
                var previous = alerts.GetValueOrDefault(FailingKey(result.Stream));
                if (result.Status == RunStatus.Failed)
                {
                    if (previous is null || IsDue(previous, now))
                    {
                        failing.Add((result, previous));
                    }
                    else
                    {
                        quiet.Add(previous with { Detail = Secrets.Redact(result.Error) });
                    }
                }
                else if (result.Status == RunStatus.Succeeded && previous is not null)
                {
                    recovered.Add((result, previous));
                }
            }

            if (failing.Count > 0)
            {
                var told = await SendAsync(NotificationText.Failing(failing, summary, _config, now), cancellationToken);
                foreach (var (result, previous) in failing)
                {
                    await _warehouse.SaveAlertAsync(new AlertRecord(
                        FailingKey(result.Stream), FailingStatus, previous?.Since ?? now, told ? now : previous?.LastNotifiedAt, Secrets.Redact(result.Error)),
                        cancellationToken);
                }
            }

            foreach (var alert in quiet)
            {
                await _warehouse.SaveAlertAsync(alert, cancellationToken);
            }

            // Nobody hears of a recovery from a failure nobody was told about.
            var announced = recovered.Where(r => r.Previous.LastNotifiedAt is not null).ToList();
            if (announced.Count > 0)
            {
                await SendAsync(NotificationText.Recovered(announced, summary, now), cancellationToken);
            }

            foreach (var (result, _) in recovered)
            {
                await _warehouse.DeleteAlertAsync(FailingKey(result.Stream), cancellationToken);
            }

            var warned = summary.Streams.Where(s => s.Warnings > 0).ToList();
            if (warned.Count > 0)
            {
                await SendAsync(NotificationText.Warnings(warned, summary, now), cancellationToken);
            }

            if (summary.Status == RunStatus.Succeeded && summary.Streams.Count > 0)
            {
                await SendAsync(NotificationText.Succeeded(summary, now), cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Called periodically: compares each stream that has a freshness limit (see <see cref="FreshnessRules"/>) with
    /// its last successful sync and raises one message when it crosses a limit (a warn past warn_after, an error past
    /// error_after, again when it goes from one to the other; reminding at most every
    /// <see cref="GreenhouseConfig.RemindEvery"/>), then one "fresh again" when it syncs. Streams that never ran are
    /// left alone. Never throws, except on cancellation.
    /// </summary>
    public async Task CheckFreshnessAsync(CancellationToken cancellationToken = default)
    {
        await GuardAsync("the freshness check", async () =>
        {
            var now = _clock.GetUtcNow();
            var rules = FreshnessRules.Load(_config);
            if (rules.Problem is { } problem)
            {
                _logger.LogWarning("Freshness: {Problem}", problem);
            }

            var alerts = await _warehouse.ReadAlertsAsync(cancellationToken);
            var runs = await _warehouse.ReadStreamRunsAsync(limit: 10_000, cancellationToken: cancellationToken);
            var stale = new List<StaleStream>();
            var fresh = new List<StaleStream>();
            foreach (var descriptor in SyncPlan.For(_config).Streams)
            {
                var freshness = StreamFreshness.Of(descriptor.FullName, rules.For(descriptor), runs, now);
                if (freshness is not { Policy.IsSet: true, Since: { } since })
                {
                    continue;
                }

                var previous = alerts.GetValueOrDefault(StaleKey(freshness.Stream));
                var level = freshness.AlertLevel;
                var stream = new StaleStream(freshness.Stream, freshness.LastSuccess, since, level, freshness.Policy, previous);
                if (level != FreshnessLevel.Pass)
                {
                    if (previous is null || previous.Status != stream.AlertStatus || IsDue(previous, now))
                    {
                        stale.Add(stream);
                    }
                }
                else if (previous is not null)
                {
                    fresh.Add(stream);
                }
            }

            foreach (var group in stale.GroupBy(s => s.Level).OrderByDescending(g => g.Key))
            {
                var streams = group.ToList();
                var told = await SendAsync(NotificationText.Stale(streams, now), cancellationToken);
                foreach (var s in streams)
                {
                    await _warehouse.SaveAlertAsync(new AlertRecord(
                        StaleKey(s.Stream), s.AlertStatus, s.Previous?.Since ?? now,
                        told ? now : s.Previous?.Status == s.AlertStatus ? s.Previous.LastNotifiedAt : null,
                        s.LastSuccess is { } at ? $"last success {NotificationText.When(at)}" : "no successful sync"),
                        cancellationToken);
                }
            }

            foreach (var announced in fresh.Where(f => f.Previous?.LastNotifiedAt is not null).GroupBy(f => f.Previous!.Status))
            {
                await SendAsync(NotificationText.Fresh([.. announced], now), cancellationToken);
            }

            foreach (var f in fresh)
            {
                await _warehouse.DeleteAlertAsync(StaleKey(f.Stream), cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Called after a transform run that did not succeed: one error message naming each failed model, its error and
    /// the file its compiled SQL was written to. Never throws, except on cancellation.
    /// </summary>
    public async Task TransformFailedAsync(Transform.Running.TransformRunResult result, Func<string, string?> compiledPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(compiledPath);
        // A failing data test tells people as a check does (CheckService.RecordTestsAsync), with its rows.
        var failed = result.Nodes.Where(n => n.Status == ModelRunStatus.Failed && n.Materialization != "test").ToList();
        if (failed.Count == 0)
        {
            return;
        }

        await GuardAsync("the transform's notification", async () =>
            await SendAsync(NotificationText.TransformFailed(result, failed, compiledPath, _clock.GetUtcNow()), cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    /// <summary>The key of a stream's failing alert in <c>_gh_alerts</c>.</summary>
    public static string FailingKey(string stream) => $"failing:{stream}";

    /// <summary>The key of a stream's stale alert in <c>_gh_alerts</c>.</summary>
    public static string StaleKey(string stream) => $"stale:{stream}";

    private bool IsDue(AlertRecord alert, DateTimeOffset now) =>
        alert.LastNotifiedAt is not { } last || now - last >= _config.RemindEvery;

    /// <summary>
    /// Sends to every channel that takes the level, all channels at once. True when one accepted it, or when no
    /// channel takes the level (nothing left to do): the alert then counts as told.
    /// </summary>
    private Task<bool> SendAsync(Notification notification, CancellationToken cancellationToken) => SendToAsync(notification, null, cancellationToken);

    /// <summary>
    /// Sends to the channels named in <paramref name="channelNames"/>, whatever levels they take, or, when null, to
    /// every channel that takes the level (what checks with <c>notify:</c> use). True as <see cref="SendAsync"/>.
    /// </summary>
    internal async Task<bool> SendToAsync(Notification notification, IReadOnlyCollection<string>? channelNames, CancellationToken cancellationToken)
    {
        var channels = _channels.Where(c => channelNames is null ? c.Takes(notification.Level) : channelNames.Contains(c.Name)).ToList();
        if (channels.Count == 0)
        {
            return true;
        }

        var results = await Task.WhenAll(channels.Select(c => _sender.SendAsync(c, notification, cancellationToken)));
        return results.Any(r => r);
    }

    private async Task GuardAsync(string what, Func<Task> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _warehouse.MigrateAsync(cancellationToken);
            await work();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Notifications: {What} failed and was skipped: {Error}", what, Secrets.Redact($"{e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            _gate.Release();
        }
    }
}
