using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Greenhouse.Notifications;

/// <summary>
/// Posts a message to a channel: retries 429 (after its Retry-After or <c>retry_after</c>), 408, 5xx, timeouts and
/// refused or dropped connections with exponential backoff, then logs the failure. Never throws, except when
/// <c>cancellationToken</c> is cancelled; never logs a channel's URL or token.
/// </summary>
internal sealed class NotificationSender
{
    private readonly HttpClient _http;
    private readonly NotificationOptions _options;
    private readonly ILogger _logger;

    public NotificationSender(HttpClient http, NotificationOptions options, ILogger logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>True when the channel accepted the message.</summary>
    public async Task<bool> SendAsync(NotificationChannel channel, Notification notification, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var pipeline = Pipeline(channel, notification);
        SendAttempt result;
        try
        {
            result = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await AttemptAsync(channel, notification, token);
            }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = SendAttempt.Permanent(channel.Redact($"{e.GetType().Name}: {e.Message}"));
        }

        if (result.Delivered)
        {
            _logger.LogInformation("Sent the {Kind} notification to {Channel}", notification.Kind, channel.Description);
            return true;
        }

        _logger.LogWarning(
            "Could not send the {Kind} notification to {Channel} after {Attempts} attempt(s): {Reason}",
            notification.Kind, channel.Description, attempts, result.Reason);
        return false;
    }

    private async Task<SendAttempt> AttemptAsync(NotificationChannel channel, Notification notification, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            using var request = channel.CreateRequest(notification);
            using var response = await _http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return channel.Interpret(response.StatusCode, response.Headers, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendAttempt.Transient($"no answer within {_options.AttemptTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // HttpRequestException names host and port only; Redact covers the rest (a URL in an inner message).
            return SendAttempt.Transient(channel.Redact(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message));
        }
    }

    private ResiliencePipeline<SendAttempt> Pipeline(NotificationChannel channel, Notification notification)
    {
        if (_options.MaxAttempts <= 1)
        {
            return ResiliencePipeline<SendAttempt>.Empty;
        }

        return new ResiliencePipelineBuilder<SendAttempt>()
            .AddRetry(new RetryStrategyOptions<SendAttempt>
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Retry: true }),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.RetryAfter is { } wait ? (TimeSpan?)(wait < _options.MaxRetryAfter ? wait : _options.MaxRetryAfter) : null),
                OnRetry = args =>
                {
                    _logger.LogInformation(
                        "The {Kind} notification to {Channel} failed ({Reason}); retrying in {Delay} ms",
                        notification.Kind, channel.Description, args.Outcome.Result?.Reason, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
