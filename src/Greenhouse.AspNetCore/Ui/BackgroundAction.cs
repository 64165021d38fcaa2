using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Serve.Ui;

/// <summary>
/// What an admin's "Sync now" and "Build now" start: the work in the background until it ends or the host stops,
/// logged with who started it; a failure to run is logged (redacted), since the page that started it has moved on.
/// </summary>
internal static class BackgroundAction
{
    /// <param name="what">What it is, capitalised: <c>Sync</c>, <c>Build</c>.</param>
    public static void Start(string what, HttpContext http, Func<CancellationToken, Task> run)
    {
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Greenhouse.Serve.Ui");
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        log.LogInformation("{What} started from the web UI by {User}", what, http.User.Identity?.Name);
        _ = Task.Run(async () =>
        {
            try
            {
                await run(stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("The {What} started from the web UI did not run: {Error}", what.ToLowerInvariant(), Config.Secrets.Redact(e.Message));
            }
        });
    }
}
