using System.Net;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using Greenhouse.Config;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Greenhouse.Sources.Http;

/// <summary>
/// The HTTP client every connector uses: one per configured source, pacing requests through a
/// <see cref="RateLimiter"/> that every source with the same vendor and credential shares (see
/// <see cref="VendorPacers"/>), retrying 408/429/5xx, timeouts and dropped connections with
/// exponential backoff and jitter, honouring <c>Retry-After</c>. Other statuses are returned for the
/// connector to explain (401 names the credential, 404 the resource).
/// </summary>
public sealed class VendorHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RateLimiter? _limiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public VendorHttpClient(
        string vendor,
        Uri baseUrl,
        RateLimiter? pacer,
        int maxRetries,
        TimeSpan retryBaseDelay,
        TimeSpan? attemptTimeout = null,
        HttpMessageHandler? handler = null,
        IThrottlePolicy? throttle = null)
    {
        Vendor = vendor;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Greenhouse/0.1 (+https://github.com/greenhouse-data/greenhouse)");
        _limiter = pacer;

        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(maxRetries, 0) == 0 ? 1 : maxRetries,
                ShouldHandle = async args => maxRetries > 0 && (IsTransient(args.Outcome)
                    || (throttle is not null && args.Outcome.Result is { } response && await throttle.IsThrottledAsync(response, args.Context.CancellationToken))),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retryBaseDelay,
                // A vendor's reset time can be most of an hour away (GitHub's primary limit): wait for it, don't fail.
                MaxDelay = TimeSpan.FromHours(1),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result?.Headers)
                    ?? (args.Outcome.Result is { } response ? throttle?.Delay(response, DateTimeOffset.UtcNow) : null)),
            })
            .AddTimeout(attemptTimeout ?? TimeSpan.FromSeconds(60))
            .Build();
    }

    public string Vendor { get; }

    public Uri BaseUrl { get; }

    /// <summary>GETs <paramref name="relativeOrAbsolute"/> (relative to the base URL) with retries; the body is buffered.</summary>
    public Task<VendorResponse> GetAsync(string relativeOrAbsolute, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve(relativeOrAbsolute)), configure, cancellationToken);

    public Task<VendorResponse> PostAsync(string relativeOrAbsolute, Func<HttpContent> content, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Resolve(relativeOrAbsolute)) { Content = content() }, configure, cancellationToken);

    public Uri Resolve(string relativeOrAbsolute) =>
        Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(BaseUrl, relativeOrAbsolute.TrimStart('/'));

    private async Task<VendorResponse> SendAsync(Func<HttpRequestMessage> create, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        var attempts = 0;
        Uri? url = null;
        var method = HttpMethod.Get;
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                if (_limiter is not null)
                {
                    using var lease = await _limiter.AcquireAsync(1, token);
                }

                using var request = create();
                url = request.RequestUri;
                method = request.Method;
                configure?.Invoke(request);
                var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                try
                {
                    // Read the body inside the retried attempt so a connection dropped mid-body is retried too.
                    await answer.Content.LoadIntoBufferAsync(token);
                }
                catch
                {
                    answer.Dispose();
                    throw;
                }

                return answer;
            }, cancellationToken);

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new VendorResponse(response.StatusCode, body, response.Headers, attempts);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is TimeoutRejectedException ? "timed out" : Secrets.Redact(e.Message);
            // The query may hold a credential (an API key in a query parameter): redact before it leaves.
            throw new SourceException(Secrets.Redact($"{Vendor}: {method} {url?.PathAndQuery} failed after {attempts} attempt(s): {reason}"), e);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>A server's <c>Retry-After</c> (seconds or a date; a past date is zero), or null when it sent none.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseHeaders? headers)
    {
        var retryAfter = headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    public void Dispose()
    {
        // The pacer is shared with other sources of the same credential; whoever made it disposes it.
        _http.Dispose();
    }
}
