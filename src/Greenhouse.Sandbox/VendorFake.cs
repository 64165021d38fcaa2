using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox;

/// <summary>
/// What every vendor fake does before its endpoints answer, in this order: log the request (<see cref="RequestLog"/>),
/// apply the first <see cref="Faults"/> rule that fires, authenticate, and count the request against fixed-window
/// rate limits per credential (one, or more: per endpoint too, see <see cref="RateLimits"/>). A fake states only its vendor's wire through the hooks: the answers to faults, its
/// credential and what makes one valid, its throttle answer and the headers it always sends. Fakes whose routes
/// share one group put <see cref="FilterAsync"/> in front of them; the others call <see cref="AdmitAsync"/> first.
/// </summary>
public abstract class VendorFake : IVendorFake
{
    private readonly string _prefix;
    private readonly RequestRecorder _recorder = new();
    private readonly WindowRateLimiter? _limiter;

    /// <param name="name">The vendor's lower-case name: the sandbox serves the fake under <c>/{name}</c>.</param>
    /// <param name="options">With <see cref="SandboxOptions.EnforceRateLimits"/>, <see cref="RateLimits"/> are enforced.</param>
    /// <param name="rateLimitWindow">The window <see cref="RateLimits"/> count in (real time); null for no such limit.</param>
    private protected VendorFake(string name, SandboxOptions? options = null, TimeSpan? rateLimitWindow = null)
    {
        Name = name;
        _prefix = "/" + name;
        _limiter = options is { EnforceRateLimits: true } && rateLimitWindow is { } window ? new WindowRateLimiter(window) : null;
    }

    public string Name { get; }

    public virtual bool ServeAtRoot => false;

    /// <summary>When set, every list page holds its first record twice (a server that repeats a row within a page).</summary>
    public bool RepeatFirstRecord { get; set; }

    public FaultInjector Faults { get; } = new();

    /// <summary>What every request asked for, in order: its path without the <c>/{Name}</c> prefix, usually with its query.</summary>
    public IReadOnlyList<string> RequestLog => _recorder.Snapshot();

    /// <summary><see cref="RequestLog"/> with when each request arrived, in real time (not the sandbox clock, which tests often freeze).</summary>
    public IReadOnlyList<(DateTimeOffset At, string Request)> RequestTimeline => _recorder.Timeline();

    /// <summary>How many requests had a path (without the <c>/{Name}</c> prefix) starting with <paramref name="pathPrefix"/>.</summary>
    public int RequestCount(string pathPrefix) => _recorder.Count(pathPrefix);

    public virtual void ResetCounters() => _recorder.Reset();

    public abstract void Map(IEndpointRouteBuilder routes);

    /// <summary>The path as the vendor's own host would see it: without the <c>/{Name}</c> prefix the sandbox adds.</summary>
    internal string VendorPath(PathString path)
    {
        var value = path.Value ?? "/";
        return value.StartsWith(_prefix + "/", StringComparison.Ordinal) ? value[_prefix.Length..] : value;
    }

    /// <summary>The endpoint filter of a fake's route group: <see cref="AdmitAsync"/>, then <see cref="ServeAsync"/>.</summary>
    internal async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = VendorPath(http.Request.Path);
        return await AdmitAsync(http, path, path + http.Request.QueryString.Value) ?? await ServeAsync(context, next);
    }

    /// <summary>
    /// Logs <paramref name="logEntry"/>, then answers for the vendor when a fault rule fires for <paramref name="path"/>,
    /// the credential is refused, or the credential is over a rate limit; null lets the request through.
    /// </summary>
    private protected async ValueTask<IResult?> AdmitAsync(HttpContext http, string path, string logEntry)
    {
        _recorder.Record(logEntry);
        OnRequest(http);
        if (Faults.Next(path) is { } fault && await FaultAsync(http, path, fault) is { } faulted)
        {
            return faulted;
        }

        var credential = CredentialOf(http.Request);
        if (Refuse(http, credential) is { } refusal)
        {
            return refusal;
        }

        if (_limiter is null || credential is null)
        {
            return null;
        }

        foreach (var (key, limit) in RateLimits(http, credential, path))
        {
            if (!_limiter.TryAcquire(key, limit))
            {
                return Throttled(http, _limiter.SecondsUntilReset(key));
            }
        }

        return null;
    }

    /// <summary>Sets the headers every answer carries, faults included.</summary>
    private protected virtual void OnRequest(HttpContext http)
    {
    }

    /// <summary>The vendor's error answer with <paramref name="statusCode"/> (a <see cref="FaultKind.Status"/> fault).</summary>
    private protected abstract IResult StatusFault(HttpContext http, int statusCode);

    /// <summary>The vendor's throttle answer to a <see cref="FaultKind.RateLimit"/> fault.</summary>
    private protected abstract IResult RateLimitFault(HttpContext http, FaultRule fault);

    /// <summary>A truncated body for a <see cref="FaultKind.MalformedJson"/> fault; null answers normally.</summary>
    private protected abstract IResult? MalformedFault(HttpContext http, string path);

    /// <summary>The credential the request carries, null when it has none; a fake without authentication keeps the default.</summary>
    private protected virtual string? CredentialOf(HttpRequest request) => null;

    /// <summary>The vendor's answer to a request whose <paramref name="credential"/> (null: none) it does not accept; null accepts it.</summary>
    private protected virtual IResult? Refuse(HttpContext http, string? credential) => null;

    /// <summary>Requests a credential may make per rate-limit window.</summary>
    private protected virtual int RequestsPerWindow => int.MaxValue;

    /// <summary>What a request counts against: the credential, unless the vendor limits per endpoint instead.</summary>
    private protected virtual string RateLimitKey(string credential, string path) => credential;

    /// <summary>
    /// The windows a request counts against, each a key and the requests it may take per window, in order: by default
    /// one, <see cref="RateLimitKey"/> at <see cref="RequestsPerWindow"/>. A request counts against each up to the first
    /// that is full, which refuses it (a vendor that limits a credential overall and each endpoint has two).
    /// </summary>
    private protected virtual IEnumerable<(string Key, int Limit)> RateLimits(HttpContext http, string credential, string path) =>
        [(RateLimitKey(credential, path), RequestsPerWindow)];

    /// <summary>The vendor's answer to a request over one of its <see cref="RateLimits"/>; that window reopens in <paramref name="secondsUntilReset"/>.</summary>
    private protected virtual IResult Throttled(HttpContext http, int secondsUntilReset) => Results.StatusCode(StatusCodes.Status429TooManyRequests);

    /// <summary>Answers a request <see cref="FilterAsync"/> let through: the endpoint itself, unless the vendor adds to it.</summary>
    private protected virtual ValueTask<object?> ServeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) => next(context);

    /// <summary>The <c>Authorization</c> header's credential after <paramref name="scheme"/>: null without the header, empty with another scheme.</summary>
    private protected static string? AuthorizationCredential(HttpRequest request, string scheme, StringComparison comparison = StringComparison.OrdinalIgnoreCase)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        return header.StartsWith(scheme + " ", comparison) ? header[(scheme.Length + 1)..].Trim() : "";
    }

    /// <summary>Sets <c>Retry-After</c> when a fault rule asks for one.</summary>
    private protected static void SetRetryAfter(HttpContext http, int? seconds)
    {
        if (seconds is { } value)
        {
            http.Response.Headers.RetryAfter = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private async ValueTask<IResult?> FaultAsync(HttpContext http, string path, FaultRule fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.Status:
                return StatusFault(http, fault.StatusCode);
            case FaultKind.RateLimit:
                return RateLimitFault(http, fault);
            case FaultKind.Slow:
                await Task.Delay(fault.Delay ?? TimeSpan.FromSeconds(5), http.RequestAborted);
                return null;
            case FaultKind.MalformedJson:
                return MalformedFault(http, path);
            case FaultKind.DropConnection:
                http.Abort();
                return Results.Empty;
            default:
                return null;
        }
    }
}
