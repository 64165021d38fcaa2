using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Status;
using Greenhouse.Sync;

namespace Greenhouse.Tests.Status;

/// <summary>One freshness notion: greenhouse.yml's max_staleness/freshness and a dbt project's source freshness, read into one policy per stream.</summary>
public sealed class FreshnessRulesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gh-freshness-").FullName;
    private readonly Dictionary<string, string> _environment = new() { ["STRIPE_API_KEY"] = "sk_test_freshness_123" };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private GreenhouseConfig Load(string stripeSettings, string? sourcesYml = null)
    {
        var transform = "";
        if (sourcesYml is not null)
        {
            Directory.CreateDirectory(Path.Combine(_directory, "transform", "models"));
            File.WriteAllText(Path.Combine(_directory, "transform", "dbt_project.yml"), "name: shop\nversion: '1.0.0'\nconfig-version: 2\n");
            File.WriteAllText(Path.Combine(_directory, "transform", "models", "sources.yml"), sourcesYml);
            transform = "transform: ./transform\n";
        }

        var path = Path.Combine(_directory, "greenhouse.yml");
        File.WriteAllText(path, $$"""
            warehouse: sqlite:greenhouse.db
            {{transform}}sources:
              stripe:
                type: stripe
                api_key: ${STRIPE_API_KEY}
            {{stripeSettings}}
            """);
        return new ConfigLoader(BuiltInConnectors.Create(), name => _environment.GetValueOrDefault(name)).Load(path);
    }

    private static StreamDescriptor Stream(GreenhouseConfig config, string name) => SyncPlan.For(config).Streams.Single(s => s.FullName == name);

    private static FreshnessPolicy For(GreenhouseConfig config, string stream) => FreshnessRules.Load(config).For(Stream(config, stream));

    [Fact]
    public void Max_staleness_is_a_warn_after_and_a_stream_may_set_its_own_freshness_with_both_levels()
    {
        var config = Load("""
                max_staleness: 12h
                streams:
                  customers: {freshness: {warn_after: 1h, error_after: 1d}}
                  charges: {}
            """);

        Assert.Equal(new FreshnessPolicy(TimeSpan.FromHours(12), null, "greenhouse.yml sources.stripe.max_staleness"), For(config, "stripe.charges"));
        Assert.Equal(new FreshnessPolicy(TimeSpan.FromHours(1), TimeSpan.FromDays(1), "greenhouse.yml sources.stripe.streams.customers.freshness"), For(config, "stripe.customers"));
    }

    [Theory]
    [InlineData("    max_staleness: 2h\n    freshness: {warn_after: 1h}", "greenhouse.yml:", "set max_staleness: or freshness:, not both")]
    [InlineData("    freshness: {warn_after: 2d, error_after: 1d}", "sources.stripe.freshness.warn_after", "must be shorter than error_after")]
    [InlineData("    freshness: {}", "sources.stripe.freshness", "sets neither warn_after: nor error_after:")]
    [InlineData("    freshness: {warn_after: soon}", "sources.stripe.freshness.warn_after", "is not a duration")]
    [InlineData("    freshness: {warn_afer: 1h}", "warn_afer", "warn_after")]
    public void A_bad_freshness_in_greenhouse_yml_names_the_file_key_and_problem(string settings, string where, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Load(settings));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_source_sets_its_tables_freshness_a_table_overrides_it_and_a_null_turns_it_off()
    {
        var config = Load("    max_staleness: 3d\n", """
            version: 2
            sources:
              - name: stripe
                freshness:
                  warn_after: {count: 12, period: hour}
                  error_after: {count: 1, period: day}
                tables:
                  - name: customers
                  - name: charges
                    freshness: {warn_after: {count: 30, period: minute}, error_after: {count: null, period: hour}}
                  - name: invoices
                    freshness: null
              - name: raw
                schema: raw
                tables:
                  - name: stripe_refunds
                    freshness: {error_after: {count: 2, period: day}}
            """);

        Assert.Equal(new FreshnessPolicy(TimeSpan.FromHours(12), TimeSpan.FromDays(1), "models/sources.yml: source 'stripe' table 'customers'"), For(config, "stripe.customers"));
        Assert.Equal(new FreshnessPolicy(TimeSpan.FromMinutes(30), null, "models/sources.yml: source 'stripe' table 'charges'"), For(config, "stripe.charges"));
        Assert.False(For(config, "stripe.invoices").IsSet);
        Assert.Equal(TimeSpan.FromDays(2), For(config, "stripe.refunds").ErrorAfter);
        Assert.Equal(TimeSpan.FromDays(3), For(config, "stripe.subscriptions").WarnAfter);
        Assert.Null(FreshnessRules.Load(config).Problem);
    }

    [Fact]
    public void A_project_freshness_that_is_not_dbts_shape_is_reported_and_greenhouse_yml_applies_meanwhile()
    {
        var config = Load("    max_staleness: 3d\n", """
            version: 2
            sources:
              - name: stripe
                tables:
                  - name: customers
                    freshness: {warn_after: {count: 12, period: hours}}
            """);

        var rules = FreshnessRules.Load(config);

        Assert.Contains("models/sources.yml: source 'stripe' table 'customers': freshness.warn_after.period: 'hours' is not one of minute, hour, day", rules.Problem, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'hour'?", rules.Problem, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(3), rules.For(Stream(config, "stripe.customers")).WarnAfter);
    }

    [Fact]
    public void A_policy_with_both_levels_warns_then_errors_and_never_succeeding_is_the_worst()
    {
        var policy = new FreshnessPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(4));

        Assert.Equal(FreshnessLevel.Pass, policy.LevelAt(TimeSpan.FromMinutes(59)));
        Assert.Equal(FreshnessLevel.Warn, policy.LevelAt(TimeSpan.FromHours(2)));
        Assert.Equal(FreshnessLevel.Error, policy.LevelAt(TimeSpan.FromHours(5)));
        Assert.Equal(FreshnessLevel.Error, policy.LevelAt(null));
        Assert.Equal(FreshnessLevel.Warn, (policy with { ErrorAfter = null }).LevelAt(null));
        Assert.Equal(TimeSpan.FromHours(4), (policy with { WarnAfter = null }).FirstLimit);
        Assert.Equal("warn after 1h, error after 4h", policy.Describe());
    }
}
