using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.Http;
using Greenhouse.Warehouse;

namespace Greenhouse.Sync;

/// <summary>
/// The one entry point every face uses (CLI, demo, scheduler): picks the requested streams from the config,
/// opens the vendors' HTTP clients, and runs them into the warehouse.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class SyncService(GreenhouseConfig config, IWarehouse warehouse, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<RunSummary> RunAsync(SyncRequest request, ISyncObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var clients = new List<VendorHttpClient>();
        // Only the vendors this run talks to need their credentials: an unset variable fails here, before anything runs,
        // naming file, key and variable; a run of other sources does not need it.
        var sources = config.Sources.Where(s => Selects(request, s)).ToList();
        sources.ForEach(s => s.ResolveCredentials());
        using var pacers = new VendorPacers(sources, config.Connectors);
        try
        {
            var streams = Plan(config, request, clients, pacers);
            var runner = new SyncRunner(warehouse, _clock, config.MaxConcurrency);
            return await runner.RunAsync(streams, request, config.WhenRunning, observer ?? ISyncObserver.None, cancellationToken);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The configured streams a request selects, in config order; unknown names fail with a suggestion.</summary>
    public static IReadOnlyList<PlannedStream> Plan(GreenhouseConfig config, SyncRequest request, List<VendorHttpClient> clients, VendorPacers pacers)
    {
        var sourceNames = config.Sources.Select(s => s.Name).ToList();
        foreach (var name in request.Sources ?? [])
        {
            if (!sourceNames.Contains(name))
            {
                throw new ConfigException($"--source {name}: no such source in {config.Path}.{DidYouMean.Hint(name, sourceNames)} Sources: {string.Join(", ", sourceNames)}");
            }
        }

        var plan = SyncPlan.For(config);
        var all = new List<string>();
        foreach (var source in plan.Sources.Where(s => s.Unavailable is null))
        {

            var offered = source.Offered.Select(d => d.Name).ToList();
            foreach (var name in source.Config.Streams ?? [])
            {
                if (!offered.Contains(name))
                {
                    throw new ConfigException(
                        $"sources.{source.Config.Name}.streams: unknown stream '{name}'.{DidYouMean.Hint(name, offered)} Streams of {source.Config.Name}: {string.Join(", ", offered)}");
                }
            }

            all.AddRange(source.Streams.Select(d => d.FullName));
        }

        foreach (var name in request.Streams ?? [])
        {
            if (plan.Sources.FirstOrDefault(s => s.Config.Name == name.Split('.')[0])?.Unavailable is { } why)
            {
                throw new SourceException(why);
            }

            if (!all.Contains(name))
            {
                throw new ConfigException($"--stream {name}: no such stream.{DidYouMean.Hint(name, all)} Streams: {string.Join(", ", all)}");
            }
        }

        var planned = new List<PlannedStream>();
        foreach (var sourcePlan in plan.Sources)
        {
            var source = sourcePlan.Config;
            if (!Selects(request, source))
            {
                continue;
            }

            if (sourcePlan.Unavailable is { } reason)
            {
                if (request.Streams is not { Count: > 0 })
                {
                    planned.Add(new PlannedStream(new UnavailableSourceStream(source.Name, reason), source));
                }

                continue;
            }

            var connector = sourcePlan.Connector;
            var http = new VendorHttpClient(
                source.Name,
                source.BaseUrl ?? connector.DefaultBaseUrl,
                pacers.For(source),
                source.MaxRetries,
                source.RetryBaseDelay,
                throttle: connector.Throttle,
                endpointPacers: pacers.EndpointsFor(source));
            clients.Add(http);
            foreach (var stream in connector.CreateStreams(source, http))
            {
                var name = stream.Descriptor.FullName;
                if (sourcePlan.Streams.Any(d => d.Name == stream.Descriptor.Name)
                    && (request.Streams is not { Count: > 0 } streams || streams.Contains(name)))
                {
                    planned.Add(new PlannedStream(stream, source));
                }
            }
        }

        return planned;
    }

    /// <summary>Whether the request runs any stream of <paramref name="source"/> (<c>--source</c>, <c>--stream</c>).</summary>
    private static bool Selects(SyncRequest request, SourceConfig source) =>
        (request.Sources is not { Count: > 0 } sources || sources.Contains(source.Name))
        && (request.Streams is not { Count: > 0 } streams || streams.Any(s => s.Split('.')[0] == source.Name));
}
