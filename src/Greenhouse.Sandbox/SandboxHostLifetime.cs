using Microsoft.Extensions.Hosting;

namespace Greenhouse.Sandbox;

/// <summary>
/// Keeps the embedded host away from Ctrl+C and SIGTERM (the default console lifetime would swallow them);
/// whoever started the sandbox decides when it stops.
/// </summary>
internal sealed class SandboxHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
