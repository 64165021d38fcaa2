using Greenhouse.Config;
using Greenhouse.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Greenhouse.Tests.Infrastructure;

/// <summary>
/// <c>serve</c> in the test process on a free port of 127.0.0.1, logging to <paramref name="logs"/> (or nowhere), never
/// to the console: Playwright sets <c>Console.OutputEncoding</c>, which takes the console's lock and then its writer's,
/// while a console logger's thread takes them the other way round, and the whole test run hung on the two.
/// </summary>
internal static class TestHost
{
    public static WebApplication Build(GreenhouseConfig config, ServeOptions? options = null, ILoggerProvider? logs = null) =>
        GreenhouseHost.Build(config, "http://127.0.0.1:0", options, services =>
        {
            services.RemoveAll<ILoggerProvider>();
            if (logs is not null)
            {
                services.AddSingleton(logs);
            }
        });
}
