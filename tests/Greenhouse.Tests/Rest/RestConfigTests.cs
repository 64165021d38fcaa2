using Greenhouse.Config;
using Greenhouse.Sources;
using Greenhouse.Sources.Rest;

namespace Greenhouse.Tests.Rest;

/// <summary>A declarative REST source's config: what loads, and how each mistake is named (file:line:col, key path, suggestion).</summary>
public sealed class RestConfigTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gh-rest-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private GreenhouseConfig Load(string streams, string auth = "{type: bearer, token: '${API_TOKEN}'}")
    {
        var path = Path.Combine(_directory, "greenhouse.yml");
        var indented = string.Join("\n", streams.Split('\n').Select(l => "      " + l));
        File.WriteAllText(path, $"""
            warehouse: sqlite:greenhouse.db
            sources:
              errors:
                type: rest
                base_url: https://sentry.io/api/0/
                auth: {auth}
                streams:
            {indented}
            """);
        return new ConfigLoader(BuiltInConnectors.Create(), name => name == "API_TOKEN" ? "sntrys_config_token_123456" : null).Load(path);
    }

    private string Fails(string streams, string auth = "{type: bearer, token: '${API_TOKEN}'}") =>
        Assert.Throws<ConfigException>(() => Load(streams, auth)).Message;

    private const string Issues = """
          issues:
            path: organizations/acme/issues/
            params: {query: "", sort: date, limit: "100"}
            records: ""
            primary_key: id
            pagination: {type: link_header, results_param: results}
            incremental: {param: start, cursor_field: lastSeen, format: iso8601}
            columns: {shortId: text, status: text, count: integer, lastSeen: timestamp, project: {type: text, path: project.slug}}
        """;

    [Fact]
    public void The_declarative_sentry_example_loads_with_its_streams_and_typed_columns()
    {
        var source = Assert.Single(Load(Issues).Sources);

        var rest = Assert.IsType<RestSourceConfig>(source.ConnectorOptions);
        Assert.Equal(RestAuthType.Bearer, rest.Auth.Type);
        Assert.Equal("sources.errors.auth.token (${API_TOKEN})", rest.Auth.Secret!.Describe());
        var issues = Assert.Single(rest.Streams);
        Assert.Equal("organizations/acme/issues/", issues.Path);
        Assert.Equal([new("query", ""), new("sort", "date"), new("limit", "100")], issues.Params);
        Assert.Equal(RestPaginationType.LinkHeader, issues.Pagination.Type);
        Assert.Equal("results", issues.Pagination.ResultsParam);
        Assert.Equal("lastSeen", issues.Incremental!.CursorField);
        Assert.Contains(issues.Columns, c => c is { Name: "count", Type: ColumnType.Integer, JsonPath: "count" });
        Assert.Contains(issues.Columns, c => c is { Name: "project", Type: ColumnType.Text, JsonPath: "project.slug" });
        var descriptor = new StreamDescriptor(source.Name, Assert.Single(BuiltInConnectors.Create()["rest"].StreamsFor(source)));
        Assert.Equal("errors.issues", descriptor.FullName);
    }

    [Fact]
    public void An_unknown_stream_key_is_named_with_a_suggestion()
    {
        var message = Fails("""
            issues:
              path: issues/
              pagniation: {type: link_header}
            """);

        Assert.Contains("greenhouse.yml:10:", message, StringComparison.Ordinal);
        Assert.Contains("sources.errors.streams.issues.pagniation: unknown key", message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'pagination'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_without_a_path_is_named()
    {
        var message = Fails("""
            issues:
              records: results
            """);

        Assert.Contains("sources.errors.streams.issues.path: required key is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_pagination_type_is_named_with_a_suggestion()
    {
        var message = Fails("""
            issues:
              path: issues/
              pagination: {type: link_headers}
            """);

        Assert.Contains("sources.errors.streams.issues.pagination.type: 'link_headers' is not one of", message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'link_header'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pagination_key_of_another_type_is_refused()
    {
        var message = Fails("""
            issues:
              path: issues/
              pagination: {type: next_url, param: cursor}
            """);

        Assert.Contains("sources.errors.streams.issues.pagination.param: unknown key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_literal_secret_is_refused_and_never_echoed()
    {
        var message = Fails("""
            issues:
              path: issues/
            """, auth: "{type: header, name: Authorization, prefix: 'Token ', value: sntrys_literal_secret_99}");

        Assert.Contains("sources.errors.auth.value: a credential must be an environment variable reference", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sntrys_literal_secret_99", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_auth_key_is_named()
    {
        var message = Fails("""
            issues:
              path: issues/
            """, auth: "{type: basic, password: '${API_TOKEN}'}");

        Assert.Contains("sources.errors.auth.username: required key is missing for auth type basic", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_column_type_is_named_with_a_suggestion()
    {
        var message = Fails("""
            issues:
              path: issues/
              columns: {count: integr}
            """);

        Assert.Contains("sources.errors.streams.issues.columns.count: 'integr' is not a column type. Did you mean 'integer'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_auth_key_of_another_auth_type_is_refused()
    {
        var message = Fails("""
            issues:
              path: issues/
            """, auth: "{type: bearer, token: '${API_TOKEN}', username: me}");

        Assert.Contains("sources.errors.auth.username: unknown key. Known keys here: type, token.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_with_a_path_needs_its_type()
    {
        var message = Fails("""
            issues:
              path: issues/
              columns: {project: {path: project.slug}}
            """);

        Assert.Contains("sources.errors.streams.issues.columns.project.type: required key is missing; one of: text, integer, decimal, boolean, timestamp", message, StringComparison.Ordinal);
    }
}
