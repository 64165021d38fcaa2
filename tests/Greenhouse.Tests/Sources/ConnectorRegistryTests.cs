using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.Http;
using Greenhouse.Status;
using Greenhouse.Sync;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Sources;

public sealed class ConnectorRegistryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenhouse-registry-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A connector Greenhouse does not ship: one stream of two fixed widgets, no HTTP.</summary>
    private sealed class AcmeConnector : IConnector
    {
        public static readonly StreamSpec Widgets = new(
            "widgets", "id", [new("color", ColumnType.Text) { Description = "the widget's color" }], Cursor: null, "Acme widgets");

        public string Type => "acme";

        public Uri DefaultBaseUrl { get; } = new("http://127.0.0.1/");

        public double DefaultRequestsPerSecond => 1000;

        public IReadOnlyList<ConnectorSetting> Settings { get; } = [new("token", Required: true, Secret: true)];

        public IReadOnlyList<StreamSpec> Catalog { get; } = [Widgets];

        public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http) => [new WidgetsStream(config.Name)];
    }

    private sealed class WidgetsStream(string source) : ISourceStream
    {
        public StreamDescriptor Descriptor { get; } = new(source, AcmeConnector.Widgets);

        public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            using var document = JsonDocument.Parse("""[{"id":"w1","color":"red"},{"id":"w2","color":"blue"}]""");
            var records = document.RootElement.EnumerateArray().Select(w => new SourceRecord(w.Clone(), context.Now)).ToList();
            yield return new Page(records, null, new JsonObject(), IsLast: true);
        }
    }

    [Fact]
    public async Task A_connector_registered_by_the_host_loads_syncs_and_reports_status()
    {
        var path = Path.Combine(_directory, ConfigLoader.DefaultFileName);
        File.WriteAllText(path, """
            warehouse: sqlite:acme.db
            sources:
              acme:
                type: acme
                token: ${ACME_TOKEN}
            """);
        var connectors = BuiltInConnectors.Create().Add(new AcmeConnector());
        var config = new ConfigLoader(connectors, name => name == "ACME_TOKEN" ? "acme_token_123456" : null).Load(path);

        await using var warehouse = WarehouseFactory.Open(config);
        var summary = await new SyncService(config, warehouse).RunAsync(new SyncRequest());

        Assert.Equal(RunStatus.Succeeded, summary.Status);
        var run = Assert.Single(summary.Streams);
        Assert.Equal(("acme.widgets", 2), (run.Stream, run.Records));
        var status = Assert.Single(await new StatusService(config, warehouse).GetAsync());
        Assert.Equal(("acme.widgets", 2L), (status.Stream, status.Rows));
    }

    [Fact]
    public void A_type_registers_once()
    {
        var connectors = BuiltInConnectors.Create();
        Assert.Throws<ArgumentException>(() => connectors.Add(new Greenhouse.Sources.Stripe.StripeConnector()));
    }

    [Fact]
    public void Webhook_schemes_are_the_webhook_connectors_types_then_hmac()
    {
        Assert.Equal(["stripe", "github", "linear", "plain", "hmac"], BuiltInConnectors.Create().WebhookSchemes);
    }
}
