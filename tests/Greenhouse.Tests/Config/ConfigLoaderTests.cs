using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gh-config-").FullName;
    private readonly Dictionary<string, string> _environment = new() { ["STRIPE_API_KEY"] = "sk_test_config_secret_123" };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private GreenhouseConfig Load(string yaml)
    {
        var path = Path.Combine(_directory, "greenhouse.yml");
        File.WriteAllText(path, yaml);
        return new ConfigLoader(BuiltInConnectors.Create(), name => _environment.GetValueOrDefault(name)).Load(path);
    }

    private ConfigException Fails(string yaml) => Assert.Throws<ConfigException>(() => Load(yaml));

    [Fact]
    public void The_minimal_config_loads_with_defaults()
    {
        var config = Load("""
            warehouse: sqlite:greenhouse.db
            sources:
              stripe:
                type: stripe
                api_key: ${STRIPE_API_KEY}
                base_url: http://127.0.0.1:12111
            """);

        Assert.Equal("sqlite:" + Path.Combine(_directory, "greenhouse.db"), config.Warehouse);
        Assert.Equal("raw", config.Schema);
        Assert.Equal(WhenRunning.Fail, config.WhenRunning);
        var stripe = Assert.Single(config.Sources);
        Assert.Equal("stripe", stripe.Type);
        Assert.Equal(new Uri("http://127.0.0.1:12111"), stripe.BaseUrl);
        Assert.Equal(TimeSpan.FromDays(7), stripe.Lookback);
        Assert.Equal(TimeSpan.FromDays(7), stripe.Reconcile);
        Assert.False(stripe.CompleteDaysOnly);
        var key = stripe.RequireCredential("api_key");
        Assert.Equal("sk_test_config_secret_123", key.Value);
        Assert.Equal("sources.stripe.api_key (${STRIPE_API_KEY})", key.Describe());
        Assert.DoesNotContain("sk_test_config_secret_123", key.ToString());
    }

    [Fact]
    public void Source_settings_override_top_level_defaults()
    {
        var config = Load("""
            lookback: 3d
            complete_days_only: true
            when_running: wait
            sources:
              billing:
                type: stripe
                api_key: ${STRIPE_API_KEY}
                lookback: 12h
                streams: [customers, invoices]
            """);

        var source = Assert.Single(config.Sources);
        Assert.Equal(WhenRunning.Wait, config.WhenRunning);
        Assert.Equal(TimeSpan.FromHours(12), source.Lookback);
        Assert.True(source.CompleteDaysOnly);
        Assert.Equal(["customers", "invoices"], source.Streams);
    }

    [Fact]
    public void The_warehouse_comes_from_GREENHOUSE_DATABASE_URL_when_referenced()
    {
        _environment["GREENHOUSE_DATABASE_URL"] = "postgresql://u:p@db:5432/wh";
        var config = Load("""
            warehouse: ${GREENHOUSE_DATABASE_URL}
            sources:
              stripe: {type: stripe, api_key: "${STRIPE_API_KEY}"}
            """);
        Assert.Equal("postgresql://u:p@db:5432/wh", config.Warehouse);
    }

    [Fact]
    public void A_missing_file_says_where_it_looked_and_how_to_make_one()
    {
        var path = Path.Combine(_directory, "nope.yml");
        var error = Assert.Throws<ConfigException>(() => new ConfigLoader(BuiltInConnectors.Create()).Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("greenhouse init", error.Message);
    }

    [Fact]
    public void Text_that_is_not_YAML_names_the_line()
    {
        var error = Fails("warehouse: sqlite:x.db\nsources:\n  stripe: [unclosed\n");
        Assert.StartsWith("greenhouse.yml:", error.Message);
        Assert.Contains("not valid YAML", error.Message);
    }

    [Fact]
    public void A_top_level_that_is_not_a_mapping_is_refused()
    {
        var error = Fails("- just\n- a list\n");
        Assert.Contains("expected a mapping", error.Message);
    }

    [Fact]
    public void An_unknown_key_suggests_the_closest_known_one()
    {
        var error = Fails("""
            sources:
              stripe:
                type: stripe
                api_kye: ${STRIPE_API_KEY}
            """);
        Assert.Contains("greenhouse.yml:4:", error.Message);
        Assert.Contains("sources.stripe.api_kye: unknown key", error.Message);
        Assert.Contains("Did you mean 'api_key'?", error.Message);
    }

    [Fact]
    public void An_unknown_top_level_key_suggests_too()
    {
        var error = Fails("warehose: sqlite:x.db\nsources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n");
        Assert.Contains("warehose: unknown key", error.Message);
        Assert.Contains("Did you mean 'warehouse'?", error.Message);
    }

    [Fact]
    public void A_missing_required_key_is_named()
    {
        var error = Fails("""
            sources:
              stripe:
                type: stripe
            """);
        Assert.Contains("sources.stripe.api_key: required key is missing", error.Message);
        Assert.Contains("${STRIPE_API_KEY}", error.Message);
    }

    [Fact]
    public void Missing_sources_are_named()
    {
        var error = Fails("warehouse: sqlite:x.db\n");
        Assert.Contains("sources: required key is missing", error.Message);
    }

    [Fact]
    public void An_unset_environment_variable_is_named_with_its_key()
    {
        _environment.Remove("STRIPE_API_KEY");
        var error = Fails("""
            sources:
              stripe:
                type: stripe
                api_key: ${STRIPE_API_KEY}
            """);
        Assert.Contains("sources.stripe.api_key", error.Message);
        Assert.Contains("environment variable STRIPE_API_KEY is not set", error.Message);
    }

    [Fact]
    public void A_literal_credential_is_refused_without_echoing_it()
    {
        var error = Fails("""
            sources:
              stripe:
                type: stripe
                api_key: sk_live_literal_secret_value
            """);
        Assert.Contains("environment variable reference", error.Message);
        Assert.DoesNotContain("sk_live_literal_secret_value", error.Message);
    }

    [Fact]
    public void An_unknown_source_type_suggests_a_known_one()
    {
        var error = Fails("sources:\n  s:\n    type: strpe\n");
        Assert.Contains("unknown source type 'strpe'", error.Message);
        Assert.Contains("Did you mean 'stripe'?", error.Message);
    }

    [Fact]
    public void An_unknown_stream_is_named_with_the_known_ones()
    {
        var error = Fails("sources:\n  stripe:\n    type: stripe\n    api_key: ${STRIPE_API_KEY}\n    streams: [custmers]\n");
        Assert.Contains("unknown stream 'custmers'", error.Message);
        Assert.Contains("Did you mean 'customers'?", error.Message);
    }

    [Theory]
    [InlineData("lookback: soon", "'soon' is not a duration")]
    [InlineData("complete_days_only: maybe", "'maybe' is not true or false")]
    [InlineData("when_running: sometimes", "'sometimes' is not one of: fail, wait")]
    [InlineData("schema: Raw-Data", "not a plain lower-case identifier")]
    public void Bad_values_are_explained(string line, string expected)
    {
        var error = Fails($"{line}\nsources:\n  stripe: {{type: stripe, api_key: '${{STRIPE_API_KEY}}'}}\n");
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_bad_base_url_is_explained()
    {
        var error = Fails("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}', base_url: 'not a url'}\n");
        Assert.Contains("sources.stripe.base_url: 'not a url' is not an http(s) URL", error.Message);
    }

    [Fact]
    public void Loaded_secrets_are_redacted_from_any_text()
    {
        Load("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n");
        Assert.Equal("key=*** end", Secrets.Redact("key=sk_test_config_secret_123 end"));
    }
}
