using System.Text.Json;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Cli;

/// <summary><c>greenhouse transform</c> as a user runs it: init a project over synced streams, build it, list, compile, fail clearly.</summary>
public sealed class TransformCliTests
{
    private static Task<Infrastructure.Cli.Result> RunAsync(SourceHarness harness, params string[] args) =>
        Infrastructure.Cli.RunAsync(harness.Directory, harness.Environment, args);

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Init_then_build_makes_a_staging_view_per_stream_that_reads_the_landed_rows(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        Assert.Equal(0, (await RunAsync(harness, "sync")).ExitCode);

        var init = await RunAsync(harness, "transform", "init");
        Assert.True(init.ExitCode == 0, init.Stderr);
        var config = await File.ReadAllTextAsync(harness.ConfigPath);
        Assert.Contains("transform: ./transform", config, StringComparison.Ordinal);
        // The models' schema of this test's own (PostgreSQL runs tests in parallel in one database).
        var schema = harness.Warehouse.ModelSchema();
        await File.WriteAllTextAsync(harness.ConfigPath, config.Replace("transform: ./transform", $"transform: {{project: ./transform, schema: {schema}}}", StringComparison.Ordinal));

        var build = await RunAsync(harness, "transform", "build", "--json");
        Assert.True(build.ExitCode == 0, build.Stderr + build.Stdout);
        using var json = JsonDocument.Parse(build.Stdout);
        Assert.Equal("succeeded", json.RootElement.GetProperty("status").GetString());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(8, results.Count(r => r.GetProperty("materialized").GetString() != "test"));
        // The starter project tests each staging model's key: unique and not_null, all passing on the sandbox.
        var tests = results.Where(r => r.GetProperty("materialized").GetString() == "test").ToList();
        Assert.Equal(2 * 8, tests.Count);
        Assert.All(tests, t => Assert.Equal(0, t.GetProperty("failures").GetInt64()));
        Assert.All(results, r => Assert.Equal("succeeded", r.GetProperty("status").GetString()));

        var query = await RunAsync(harness, "query", "select count(*) as n from " + (kind == "sqlite" ? "analytics_stg_stripe__customers" : $"{schema}.stg_stripe__customers"));
        Assert.True(query.ExitCode == 0, query.Stderr);
        Assert.Contains($"{harness.Sandbox.Stripe.Data.Count("customers")}", query.Stdout, StringComparison.Ordinal);

        var status = await RunAsync(harness, "status");
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("model.greenhouse.stg_stripe__customers", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_select_and_compile_follow_dbt()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Assert.Equal(0, (await RunAsync(harness, "transform", "init")).ExitCode);
        var marts = Path.Combine(harness.Directory, "transform", "models", "marts");
        await File.WriteAllTextAsync(Path.Combine(marts, "customers_per_country.sql"),
            "select country, count(*) as n from {{ ref('stg_stripe__customers') }} group by country");

        var ls = await RunAsync(harness, "transform", "ls", "-s", "+customers_per_country", "--resource-type", "model", "source", "--output", "name");
        Assert.True(ls.ExitCode == 0, ls.Stderr);
        Assert.Equal(["customers", "customers_per_country", "stg_stripe__customers"], ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        var compile = await RunAsync(harness, "transform", "compile", "-s", "customers_per_country");
        Assert.True(compile.ExitCode == 0, compile.Stderr);
        var compiled = Path.Combine(harness.Directory, "transform", "target", "compiled", "greenhouse", "models", "marts", "customers_per_country.sql");
        Assert.Equal("select country, count(*) as n from \"analytics_stg_stripe__customers\" group by country", await File.ReadAllTextAsync(compiled));

        // flags.WHICH and flags.FULL_REFRESH come from the command line, as dbt's do.
        var flagged = Path.Combine(marts, "flagged.sql");
        await File.WriteAllTextAsync(flagged, "select '{{ flags.WHICH }}' as which, {{ 1 if flags.FULL_REFRESH else 0 }} as full_refresh");
        Assert.Equal(0, (await RunAsync(harness, "transform", "compile", "-s", "flagged")).ExitCode);
        var flaggedSql = Path.Combine(Path.GetDirectoryName(compiled)!, "flagged.sql");
        Assert.Equal("select 'compile' as which, 0 as full_refresh", await File.ReadAllTextAsync(flaggedSql));
        Assert.Equal(0, (await RunAsync(harness, "transform", "run", "-s", "flagged", "--full-refresh")).ExitCode);
        Assert.Equal("select 'run' as which, 1 as full_refresh", await File.ReadAllTextAsync(flaggedSql));
    }

    [Fact]
    public async Task Test_exits_one_on_an_error_failure_zero_on_warnings_and_keeps_the_failures_as_checks()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Assert.Equal(0, (await RunAsync(harness, "sync")).ExitCode);
        Assert.Equal(0, (await RunAsync(harness, "transform", "init")).ExitCode);
        var tests = Path.Combine(harness.Directory, "transform", "tests");
        Directory.CreateDirectory(tests);
        await File.WriteAllTextAsync(Path.Combine(tests, "warn_only.sql"),
            "{{ config(severity='warn') }}\nselect customer_id from {{ ref('stg_stripe__customers') }} where customer_id like 'cus_%'");
        await File.WriteAllTextAsync(Path.Combine(tests, "always_fails.sql"), "select customer_id from {{ ref('stg_stripe__customers') }}");

        Assert.Equal(0, (await RunAsync(harness, "transform", "run")).ExitCode);

        var warned = await RunAsync(harness, "transform", "test", "-s", "warn_only");
        Assert.True(warned.ExitCode == 0, warned.Stdout + warned.Stderr);
        Assert.Contains($"WARN {harness.Sandbox.Stripe.Data.Count("customers"):N0} test.greenhouse.warn_only", warned.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync(harness, "transform", "test", "-s", "warn_only", "--warn-error")).ExitCode);

        var all = await RunAsync(harness, "transform", "test", "--json");
        Assert.Equal(1, all.ExitCode);
        using (var json = JsonDocument.Parse(all.Stdout))
        {
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!.Split('.')[2]);
            Assert.Equal(2 + 2 * 8, results.Count);
            Assert.Equal("failed", results["always_fails"].GetProperty("status").GetString());
            Assert.Equal("warned", results["warn_only"].GetProperty("status").GetString());
            Assert.Equal("succeeded", results["unique_stg_stripe__customers_customer_id"].GetProperty("status").GetString());
        }

        // A selected model brings its tests along (eager), or none of them (empty).
        using (var eager = JsonDocument.Parse((await RunAsync(harness, "transform", "test", "-s", "stg_stripe__customers", "--json")).Stdout))
        {
            Assert.Equal(["always_fails", "not_null_stg_stripe__customers_customer_id", "unique_stg_stripe__customers_customer_id", "warn_only"],
                eager.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("unique_id").GetString()!.Split('.')[2]).Order(StringComparer.Ordinal));
        }

        var empty = await RunAsync(harness, "transform", "test", "-s", "stg_stripe__customers", "--indirect-selection", "empty", "--json");
        Assert.Equal(0, empty.ExitCode);
        using (var none = JsonDocument.Parse(empty.Stdout))
        {
            Assert.Empty(none.RootElement.GetProperty("results").EnumerateArray());
        }

        var show = await RunAsync(harness, "check", "show", "always_fails");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("cus_", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_exits_one_naming_it_and_its_compiled_sql_while_a_bad_selector_exits_two()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Assert.Equal(0, (await RunAsync(harness, "sync")).ExitCode);
        Assert.Equal(0, (await RunAsync(harness, "transform", "init")).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "transform", "models", "marts", "broken.sql"),
            "select no_such_column from {{ ref('stg_stripe__customers') }}");

        var run = await RunAsync(harness, "transform", "run", "-s", "+broken");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("model.greenhouse.broken", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("no_such_column", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("target/compiled/greenhouse/models/marts/broken.sql", run.Stdout.Replace('\\', '/'), StringComparison.Ordinal);

        var bad = await RunAsync(harness, "transform", "run", "-s", "colour:red");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("colour", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_prints_a_versioned_model_as_dbt_does_and_compile_writes_each_version_s_file()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Assert.Equal(0, (await RunAsync(harness, "transform", "init")).ExitCode);
        var marts = Path.Combine(harness.Directory, "transform", "models", "marts");
        await File.WriteAllTextAsync(Path.Combine(marts, "dim_countries_v1.sql"), "select country from {{ ref('stg_stripe__customers') }}");
        await File.WriteAllTextAsync(Path.Combine(marts, "dim_countries_v2.sql"), "select distinct country from {{ ref('stg_stripe__customers') }}");
        await File.WriteAllTextAsync(Path.Combine(marts, "_dim_countries.yml"), "version: 2\nmodels:\n  - name: dim_countries\n    versions:\n      - v: 1\n      - v: 2\n");

        var ls = await RunAsync(harness, "transform", "ls", "-s", "dim_countries", "--output", "name");
        Assert.True(ls.ExitCode == 0, ls.Stderr);
        Assert.Equal(["dim_countries.v1", "dim_countries.v2"], ls.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var selector = await RunAsync(harness, "transform", "ls", "-s", "version:old", "--output", "selector");
        Assert.Equal("greenhouse.marts.dim_countries.v1", selector.Stdout.Trim());

        var compile = await RunAsync(harness, "transform", "compile", "-s", "dim_countries");
        Assert.True(compile.ExitCode == 0, compile.Stderr);
        var compiled = Path.Combine(harness.Directory, "transform", "target", "compiled", "greenhouse", "models", "marts");
        Assert.Equal("select distinct country from \"analytics_stg_stripe__customers\"", await File.ReadAllTextAsync(Path.Combine(compiled, "dim_countries_v2.sql")));
        Assert.True(File.Exists(Path.Combine(compiled, "dim_countries_v1.sql")));
    }

    [Fact]
    public async Task Without_a_transform_key_the_commands_say_how_to_start()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var result = await RunAsync(harness, "transform", "ls");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("transform: not set", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("greenhouse transform init", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_writes_a_dbt_sources_file_of_every_landed_stream()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        var result = await RunAsync(harness, "transform", "sources", "--output", "-");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("  - name: raw\n    schema: raw\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("      - name: stripe_customers\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("          - name: _gh_deleted_at\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_freshness_errors_for_a_stream_never_synced_and_passes_once_it_synced_within_its_limits()
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, "sqlite");
        Assert.Equal(0, (await RunAsync(harness, "transform", "init")).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(harness.Directory, "transform", "models", "freshness.yml"), """
            version: 2
            sources:
              - name: stripe
                freshness: {warn_after: {count: 12, period: hour}, error_after: {count: 1, period: day}}
                tables: [{name: customers}, {name: charges}]
            """);

        var before = await RunAsync(harness, "transform", "source", "freshness", "--json");
        Assert.True(before.ExitCode == 1, before.Stderr);
        var streams = JsonDocument.Parse(before.Stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("stream").GetString()!);
        Assert.Equal(["stripe.charges", "stripe.customers"], streams.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("error", streams["stripe.customers"].GetProperty("status").GetString());
        Assert.Equal(43_200, streams["stripe.customers"].GetProperty("warn_after_s").GetDouble());
        Assert.Equal(JsonValueKind.Null, streams["stripe.customers"].GetProperty("max_loaded_at").ValueKind);

        Assert.Equal(0, (await RunAsync(harness, "sync")).ExitCode);
        var after = await RunAsync(harness, "transform", "source", "freshness", "-s", "source:stripe.customers");
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Contains("stripe.customers", after.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stripe.charges", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 pass", after.Stdout, StringComparison.Ordinal);
    }
}
