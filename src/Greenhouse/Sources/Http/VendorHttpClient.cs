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
/// <see cref="VendorPacers"/>), and a request that names its endpoint also through that endpoint's pacer when the
/// vendor limits each endpoint (<see cref="EndpointPacers"/>), retrying 408/429/5xx, timeouts and dropped connections with
/// exponential backoff and jitter, honouring <c>Retry-After</c>, and following redirects itself (at most
/// <see cref="RedirectRules.MaxHops"/>; the credential only to the same host, see <see cref="RedirectRules"/>) so
/// that a moved resource is read with the credential and the answer says it moved (<see cref="VendorResponse.Redirects"/>).
/// Other statuses are returned for the connector to explain (401 names the credential, 404 the resource).
/// </summary>
public sealed class VendorHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RateLimiter? _limiter;
    private readonly EndpointPacers? _endpointPacers;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Whether the base URL's server ever answered: until it has, a refused connection is a wrong base_url, not a blip.</summary>
    private volatile bool _answered;

    public VendorHttpClient(
        string vendor,
        Uri baseUrl,
        RateLimiter? pacer,
        int maxRetries,
        TimeSpan retryBaseDelay,
        TimeSpan? attemptTimeout = null,
        HttpMessageHandler? handler = null,
        IThrottlePolicy? throttle = null,
        EndpointPacers? endpointPacers = null)
    {
        Vendor = vendor;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        // Redirects are followed here, not by the handler: .NET's drop Authorization on every hop (see FollowAsync).
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
            default:
                break;
        }

        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false });
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Greenhouse/0.1 (+https://github.com/greenhouse-data/greenhouse)");
        _limiter = pacer;
        _endpointPacers = endpointPacers;

        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(maxRetries, 0) == 0 ? 1 : maxRetries,
                // A server that has never answered and refuses the connection is not there: say so at once instead of
                // retrying for half a minute. Once it has answered, a refusal is a restart and is retried.
                ShouldHandle = async args => maxRetries > 0 && !(NothingListens(args.Outcome.Exception) && !_answered) && (IsTransient(args.Outcome)
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
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve(relativeOrAbsolute)), configure, endpoint: null, cancellationToken);

    /// <summary>
    /// GETs <paramref name="relativeOrAbsolute"/> as one of <paramref name="endpoint"/>'s requests (the vendor's name for
    /// the operation, e.g. <c>GET /v1/customers/{id}</c>): paced by that endpoint's pacer too when the vendor limits each endpoint.
    /// </summary>
    public Task<VendorResponse> GetAsync(string relativeOrAbsolute, string endpoint, Action<HttpRequestMessage>? configure, CancellationToken cancellationToken = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve(relativeOrAbsolute)), configure, endpoint, cancellationToken);

    public Task<VendorResponse> PostAsync(string relativeOrAbsolute, Func<HttpContent> content, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Resolve(relativeOrAbsolute)) { Content = content() }, configure, endpoint: null, cancellationToken);

    public Uri Resolve(string relativeOrAbsolute) =>
        Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(BaseUrl, relativeOrAbsolute.TrimStart('/'));

    private async Task<VendorResponse> SendAsync(Func<HttpRequestMessage> create, Action<HttpRequestMessage>? configure, string? endpoint, CancellationToken cancellationToken)
    {
        var attempts = 0;
        Uri? url = null;
        var method = HttpMethod.Get;
        var redirects = new List<VendorRedirect>();
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                redirects = [];
                using var request = create();
                url = request.RequestUri;
                method = request.Method;
                configure?.Invoke(request);
                var answer = await FollowAsync(request, create, configure, endpoint is null ? null : _endpointPacers?.For(endpoint), redirects, token);
                _answered = true;
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

            if (redirects is [.., { WithCredential: false } elsewhere] && !response.IsSuccessStatusCode)
            {
                var host = elsewhere.To.GetLeftPart(UriPartial.Authority);
                throw new SourceException(Secrets.Redact(
                    $"{Vendor}: {method} {url?.PathAndQuery} was redirected to another host ({host}), which answered HTTP {(int)response.StatusCode} " +
                    $"to the request without the credential: Greenhouse never sends a credential to another host. If the API moved there, set base_url to {host}."));
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new VendorResponse(response.StatusCode, body, response.Headers, attempts) { Redirects = redirects };
        }
        catch (Exception e) when (!_answered && NothingListens(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceException(Secrets.Redact(
                $"{Vendor}: nothing answers at {BaseUrl.GetLeftPart(UriPartial.Authority)} ({Reason(e)}). Check sources.{Vendor}.base_url "
                + "(remove it to use the vendor's API; `greenhouse sandbox` serves the fakes at http://127.0.0.1:12111/<vendor>)."), e);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is TimeoutRejectedException ? "timed out" : Secrets.Redact(e.Message);
            // The query may hold a credential (an API key in a query parameter): redact before it leaves.
            throw new SourceException(Secrets.Redact($"{Vendor}: {method} {url?.PathAndQuery} failed after {attempts} attempt(s): {reason}"), e);
        }
    }

    /// <summary>
    /// Sends <paramref name="first"/> (configured) and follows its redirects by <see cref="RedirectRules"/>, each hop
    /// paced like any request and recorded in <paramref name="redirects"/>: a hop to the request's own host or the API
    /// host is configured again (the same headers, the credential with them), a hop to another host gets none of them.
    /// A hop waits for the shared pacer, then for <paramref name="endpointPacer"/>, and leaves at once: so no endpoint
    /// ever goes faster than its pacer allows.
    /// </summary>
    private async Task<HttpResponseMessage> FollowAsync(
        HttpRequestMessage first, Func<HttpRequestMessage> create, Action<HttpRequestMessage>? configure, RateLimiter? endpointPacer, List<VendorRedirect> redirects, CancellationToken token)
    {
        var origin = first.RequestUri!;
        var request = first;
        var trusted = true;
        while (true)
        {
            if (_limiter is not null)
            {
                using var lease = await _limiter.AcquireAsync(1, token);
            }

            if (endpointPacer is not null)
            {
                using var lease = await endpointPacer.AcquireAsync(1, token);
            }

            var from = request.RequestUri!;
            var method = request.Method;
            HttpResponseMessage answer;
            try
            {
                answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }
            finally
            {
                if (request != first)
                {
                    request.Dispose();
                }
            }

            if (RedirectRules.Location(answer, from) is not { } target)
            {
                return answer;
            }

            var status = answer.StatusCode;
            answer.Dispose();
            // Once a hop left the trusted hosts, the credential stays behind, even if a later hop comes back.
            trusted = trusted && RedirectRules.KeepsCredential(origin, BaseUrl, target);
            redirects.Add(new VendorRedirect(status, from, target, trusted));
            if (redirects.Count > RedirectRules.MaxHops)
            {
                throw new SourceException(Secrets.Redact(
                    $"{Vendor}: {first.Method} {origin.PathAndQuery} was redirected more than {RedirectRules.MaxHops} times " +
                    $"({string.Join(" → ", redirects.Select(r => r.To.GetLeftPart(UriPartial.Path)))}); stopping. Check base_url ({BaseUrl})."));
            }

            if (!trusted && Secrets.Redact(target.AbsoluteUri) != target.AbsoluteUri)
            {
                throw new SourceException(Secrets.Redact(
                    $"{Vendor}: {first.Method} {origin.PathAndQuery} was redirected to another host ({target.GetLeftPart(UriPartial.Authority)}) " +
                    $"with the credential in its address; Greenhouse never sends a credential to another host, so it did not follow."));
            }

            var next = create();
            next.RequestUri = target;
            if (RedirectRules.Method(status, method) is var nextMethod && nextMethod != next.Method)
            {
                next.Method = nextMethod;
                next.Content?.Dispose();
                next.Content = null;
            }

            if (trusted)
            {
                configure?.Invoke(next);
            }

            request = next;
        }
    }

    /// <summary>A refused connection or a host name that does not resolve: nobody is there.</summary>
    private static bool NothingListens(Exception? e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound })
            {
                return true;
            }
        }

        return false;
    }

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException socket)
            {
                return socket.SocketErrorCode == System.Net.Sockets.SocketError.HostNotFound ? "host not found" : "connection refused";
            }
        }

        return e.Message;
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
        // The pacers are shared with other sources of the same credential; whoever made them disposes them.
        _http.Dispose();
    }
}
