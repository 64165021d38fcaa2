using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

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

        Assert.Equal("sqlite:" + Path.Combine(_directory, "greenhouse.db"), config.Warehouse.Description);
        Assert.Equal(Path.Combine(_directory, "greenhouse.db"), config.Warehouse.SqlitePath);
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
        Assert.Equal(WarehouseSetting.Parse("postgresql://u:p@db:5432/wh"), config.Warehouse);
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
    public void A_reader_login_is_kept_for_a_postgresql_warehouse_and_refused_for_sqlite()
    {
        const string Stripe = "sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n";
        var config = Load("warehouse: postgresql://owner:pw@db.example:5432/wh\nreader: postgresql://reader:rpw@db.example:5432/wh\n" + Stripe);
        var error = Fails("warehouse: sqlite:x.db\nreader: postgresql://reader:rpw@db.example:5432/wh\n" + Stripe);

        Assert.Contains("Username=reader", config.Warehouse.ReaderConnectionString, StringComparison.Ordinal);
        Assert.Contains("reader: A reader login applies to a PostgreSQL warehouse only", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rpw", error.Message, StringComparison.Ordinal);
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
    public void An_unset_environment_variable_loads_and_fails_where_the_credential_is_used_naming_file_key_and_variable()
    {
        _environment.Remove("STRIPE_API_KEY");
        var config = Load("""
            sources:
              stripe:
                type: stripe
                api_key: ${STRIPE_API_KEY}
            """);
        var key = config.Source("stripe").RequireCredential("api_key");

        var error = Assert.Throws<ConfigException>(() => key.Value);

        Assert.StartsWith("greenhouse.yml:4:", error.Message, StringComparison.Ordinal);
        Assert.Contains("sources.stripe.api_key", error.Message);
        Assert.Contains("environment variable STRIPE_API_KEY is not set", error.Message);
        Assert.Equal(error.Message, Assert.Throws<ConfigException>(() => config.Source("stripe").ResolveCredentials()).Message);
        Assert.Equal(error.Message, Assert.Throws<ConfigException>(config.ResolveCredentials).Message);
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
    public void A_secret_is_registered_for_redaction_when_it_is_read()
    {
        _environment["STRIPE_API_KEY"] = "sk_test_read_when_used_4711";
        var config = Load("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n");
        Assert.Equal("key=sk_test_read_when_used_4711 end", Secrets.Redact("key=sk_test_read_when_used_4711 end"));

        Assert.Equal("sk_test_read_when_used_4711", config.Source("stripe").RequireCredential("api_key").Value);

        Assert.Equal("key=*** end", Secrets.Redact("key=sk_test_read_when_used_4711 end"));
    }

    [Fact]
    public void A_misspelt_required_key_is_named_as_unknown_before_it_is_missing()
    {
        var error = Fails("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\nnotifications:\n  alerts: {type: slack, ulr: '${STRIPE_API_KEY}'}\n");
        Assert.Contains("greenhouse.yml:4:", error.Message);
        Assert.Contains("notifications.alerts.ulr: unknown key. Did you mean 'url'?", error.Message);
    }

    [Fact]
    public void Known_keys_are_the_keys_the_section_reads()
    {
        var error = Fails("warehose: sqlite:x.db\nsources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n");
        Assert.EndsWith(
            "Known keys here: warehouse, reader, model_reader, schema, when_running, lookback, reconcile, complete_days_only, sources, notifications, remind_every, webhook_max_bytes, max_concurrency, transform, checks, customers, ui.",
            error.Message);
    }

    [Theory]
    [InlineData("transform: {schedule: '0 * * * *'}", "transform.project: required: the dbt project's folder, relative to this file")]
    [InlineData("transform: {project: ./t, schedule: 'every hour'}", "transform.schedule: 'every hour' is not a cron expression")]
    [InlineData("transform: {project: ./t, schema: Analytics}", "transform.schema: 'Analytics' is not a plain lower-case identifier")]
    [InlineData("transform: {project: ./t, targte: prod}", "transform.targte: unknown key. Did you mean 'target'?")]
    [InlineData("customers: {identity: Dim People}", "customers.identity: 'Dim People' is not a model name")]
    [InlineData("customers: {identiy: dim_people}", "customers.identiy: unknown key. Did you mean 'identity'?")]
    [InlineData("customers: dim_people", "customers: expected a mapping with identity:")]
    public void Transform_and_customers_mistakes_are_named(string transform, string expected)
    {
        var error = Fails($"sources:\n  stripe: {{type: stripe, api_key: '${{STRIPE_API_KEY}}'}}\n{transform}\n");
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_key_of_another_connector_is_unknown()
    {
        var error = Fails("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}', auth: {type: none}}\n");
        Assert.Contains("sources.stripe.auth: unknown key", error.Message);
    }

    [Theory]
    [InlineData("{type: slak, url: '${STRIPE_API_KEY}'}", "notifications.alerts.type: unknown channel type 'slak'. Did you mean 'slack'? Known types: slack, telegram, webhook")]
    [InlineData("{type: telegram, bot_token: '${STRIPE_API_KEY}'}", "notifications.alerts.chat_id: required for a telegram channel: the chat to post to")]
    [InlineData("{type: webhook}", "notifications.alerts.url: required for a webhook channel; add 'url: ${ALERTS_URL}' and export that variable")]
    [InlineData("{type: slack, url: '${STRIPE_API_KEY}', levels: [error, sucess]}", "notifications.alerts.levels: 'sucess' is not one of: error, warn, success. Did you mean 'success'?")]
    public void Channel_mistakes_are_named(string channel, string expected)
    {
        var error = Fails($"sources:\n  stripe: {{type: stripe, api_key: '${{STRIPE_API_KEY}}'}}\nnotifications:\n  alerts: {channel}\n");
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("{scheme: stirpe}", "sources.stripe.webhook_signature.scheme: 'stirpe' is not one of: stripe, github, linear, plain, hmac. Did you mean 'stripe'?")]
    [InlineData("{scheme: hmac}", "sources.stripe.webhook_signature.header: required for scheme hmac: the request header that carries the signature")]
    [InlineData("{scheme: hmac, header: X-Sig, encoding: base32}", "sources.stripe.webhook_signature.encoding: 'base32' is not one of: hex, base64")]
    [InlineData("hmac", "sources.stripe.webhook_signature: expected scheme: (stripe, github, linear, plain or hmac) and, for hmac, header:")]
    public void Webhook_signature_mistakes_are_named(string signature, string expected)
    {
        var error = Fails($"sources:\n  stripe: {{type: stripe, api_key: '${{STRIPE_API_KEY}}', webhook_signature: {signature}}}\n");
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_generic_hmac_signature_loads()
    {
        var config = Load("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}', webhook_secret: '${STRIPE_API_KEY}', webhook_signature: {header: X-Sig, algorithm: sha1, prefix: 'sha1='}}\n");
        var stripe = Assert.Single(config.Sources);
        Assert.Equal(new Greenhouse.Webhooks.WebhookSignatureConfig("hmac", "X-Sig", "sha1", "hex", "sha1="), stripe.WebhookSignature);
        Assert.Equal("sources.stripe.webhook_secret (${STRIPE_API_KEY})", stripe.WebhookSecret!.Describe());
    }

    [Fact]
    public void The_webhook_refetch_budget_is_60_a_minute_unless_set_and_never_negative()
    {
        Assert.Equal(60, Assert.Single(Load("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n").Sources).WebhookRefetchPerMinute);
        Assert.Equal(0, Assert.Single(Load("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}', webhook_refetch_per_minute: 0}\n").Sources).WebhookRefetchPerMinute);
        var error = Fails("sources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}', webhook_refetch_per_minute: -1}\n");
        Assert.Contains("greenhouse.yml:2:", error.Message);
        Assert.Contains("sources.stripe.webhook_refetch_per_minute", error.Message);
    }

    [Theory]
    [InlineData("warehouse: 'sqlite:'", "greenhouse.yml:1:12: warehouse: The warehouse setting 'sqlite:' needs a file path, e.g. sqlite:./greenhouse.db.")]
    [InlineData("warehouse: 'mysql://admin:hunter2@db/shop'", "greenhouse.yml:1:12: warehouse: Unsupported warehouse setting. Use sqlite:<path>, postgresql://")]
    public void A_bad_warehouse_setting_is_named_at_its_line_without_the_password(string line, string expected)
    {
        var error = Fails($"{line}\nsources:\n  stripe: {{type: stripe, api_key: '${{STRIPE_API_KEY}}'}}\n");
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void A_PostgreSQL_warehouse_is_described_without_its_password()
    {
        var config = Load("warehouse: 'postgresql://greenhouse:s3cret-pw@db.example.com:5433/wh'\nsources:\n  stripe: {type: stripe, api_key: '${STRIPE_API_KEY}'}\n");
        Assert.Equal("db.example.com:5433/wh", config.Warehouse.Description);
        Assert.Null(config.Warehouse.SqlitePath);
        Assert.Contains("s3cret-pw", config.Warehouse.PostgresConnectionString);
    }
}
