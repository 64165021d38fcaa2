using Greenhouse.Bench;

try
{
    return args.FirstOrDefault() switch
    {
        "load" => await LoadBenchmark.RunAsync(args[1..]),
        "rss-probe" => await LoadBenchmark.RssProbeAsync(args[1..]),
        "sync" => await SyncBenchmark.RunAsync(args[1..]),
        "sandbox-server" => await SandboxChild.ServeAsync(args[1..]),
        "webhooks" => await WebhookBenchmark.RunAsync(args[1..]),
        "transform" => await TransformBenchmark.RunAsync(args[1..]),
        "query" => await QueryBenchmark.RunAsync(args[1..]),
        "ui" => await UiBenchmark.RunAsync(args[1..]),
        "webhook-server" => await WebhookBenchmark.ServeAsync(args[1..]),
        _ => Usage(),
    };
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Greenhouse.Bench load [--records N] [--batch N] [--skip-sqlite]
               Greenhouse.Bench sync [--size small|medium|large] [--latency-ms N] [--alone N]
               Greenhouse.Bench webhooks [--events N]
               Greenhouse.Bench transform [--models N] [--rows N] [--incremental-rows N] [--rounds N] [--postgres] [--strategy delete+insert|merge|append]
               Greenhouse.Bench query [--table-rows N] [--runs N] [--slow-runs N] [--mcp-calls N] [--cut-rows N] [--skip-sqlite] [--skip-postgres]
               Greenhouse.Bench ui [--size small|medium|large] [--requests N] [--customers N]
          PostgreSQL from GREENHOUSE_DATABASE_URL (a URL or an Npgsql connection string); transform runs on SQLite unless --postgres;
          query runs on SQLite and PostgreSQL (GREENHOUSE_DATABASE_URL, else GREENHOUSE_TEST_PG).
        """);
    return 2;
}
