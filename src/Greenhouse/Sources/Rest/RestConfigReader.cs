using System.Text.RegularExpressions;
using Greenhouse.Config;

namespace Greenhouse.Sources.Rest;

/// <summary>
/// The keys a declarative REST source (<c>type: rest</c>) adds to its section: the <c>base_url</c> it cannot do
/// without, <c>auth:</c>, and the <c>streams:</c> it defines, each with its endpoint, paging, cursor and typed columns.
/// </summary>
internal static partial class RestConfigReader
{
    private static readonly string[] AuthTypes = ["none", "bearer", "basic", "header", "query"];

    private static readonly string[] PaginationTypes = ["none", "next_url", "cursor", "link_header", "offset", "page"];

    private static readonly string[] CursorFormats = ["iso8601", "unix"];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();

    public static DeclaredStreams Read(ConfigSection source)
    {
        source.Require("base_url", "required key is missing; a rest source needs the API's root, e.g. 'base_url: https://sentry.io/api/0/'");
        var auth = source.Section(
            "auth", "expected type: (bearer, basic, header, query or none) and its keys, e.g. '{type: bearer, token: ${API_TOKEN}}'", Auth)
            ?? new RestAuthConfig(RestAuthType.None);

        source.Require("streams", "required key is missing; a rest source defines its streams, e.g. 'streams: {issues: {path: issues/}}'");
        var streams = new List<RestStreamConfig>();
        var settings = new Dictionary<string, StreamSettings>();
        if (source.Entry("streams") is { } streamsEntry)
        {
            const string Expected = "expected a mapping of stream names to their definitions (path:, records:, pagination:, columns:)";
            var entries = streamsEntry.Entries(Expected);
            if (entries.Count == 0)
            {
                throw streamsEntry.Error(Expected);
            }

            foreach (var entry in entries)
            {
                if (!ConfigNames.IsIdentifier(entry.Name))
                {
                    throw entry.NameError("a stream name must be a plain lower-case identifier (letters, digits, underscores)");
                }

                var (stream, streamSettings) = entry.Read(
                    "expected the stream's definition (path:, records:, primary_key:, pagination:, columns:)",
                    section => (Stream(section, entry.Name), StreamSettings.Read(section)));
                streams.Add(stream);
                settings[entry.Name] = streamSettings;
            }
        }

        return new DeclaredStreams(new RestSourceConfig(auth, streams), settings);
    }

    private static RestStreamConfig Stream(ConfigSection stream, string name) => new(
        name,
        stream.RequiredText("path", "required key is missing; the endpoint relative to base_url, e.g. 'path: organizations/acme/issues/'"),
        stream.Entry("params") is { } parameters
            ? [.. parameters.Entries("expected a mapping of query parameters, e.g. '{sort: date, limit: \"100\"}'").Select(p => new KeyValuePair<string, string>(p.Name, p.Text()))]
            : [],
        stream.Text("records") ?? "",
        stream.Text("primary_key") ?? StreamDescriptor.KeyColumn,
        stream.Section(
            "pagination", $"expected type: ({string.Join(", ", PaginationTypes)}) and its keys, e.g. '{{type: next_url, path: next}}'", Pagination)
            ?? new RestPaginationConfig(RestPaginationType.None),
        stream.Section("incremental", "expected param: and cursor_field:, e.g. '{param: updated_since, cursor_field: updated_at}'", Incremental),
        stream.Entry("columns") is { } columns
            ? [.. columns.Entries("expected a mapping of column names to types, e.g. '{status: text, count: integer}'").Select(Column)]
            : []);

    /// <summary><c>count: integer</c>, or <c>project: {type: text, path: project.slug}</c> for a value elsewhere in the record.</summary>
    private static ColumnSpec Column(ConfigEntry column)
    {
        var name = column.Name;
        if (!ColumnName().IsMatch(name) || name == StreamDescriptor.KeyColumn || name.StartsWith("_gh_", StringComparison.Ordinal))
        {
            throw column.NameError($"'{name}' cannot be a column name (letters, digits and underscores; not 'id' or '_gh_…', which Greenhouse adds)");
        }

        var types = ConfigNames.ColumnTypes;
        ColumnType Type(ConfigEntry type) => type.Parse<ColumnType>(
            types.TryGetValue, text => $"is not a column type.{DidYouMean.Hint(text, types.Keys)} One of: {string.Join(", ", types.Keys)}");

        return column.IsMapping
            ? column.Read("", section =>
            {
                section.Require("type", $"required key is missing; one of: {string.Join(", ", types.Keys)}");
                return new ColumnSpec(name, section.Entry("type") is { } type ? Type(type) : ColumnType.Text, section.Text("path") ?? name);
            })
            : new ColumnSpec(name, Type(column), name);
    }

    private static RestAuthConfig Auth(ConfigSection auth)
    {
        var type = auth.Choice("type", AuthTypes) ?? throw auth.Error("type", $"required key is missing; one of: {string.Join(", ", AuthTypes)}");
        string Required(string key, string what) => auth.RequiredText(key, $"required key is missing for auth type {type}: {what}");
        Credential Secret(string key) =>
            auth.RequiredSecret(key, $"required key is missing for auth type {type}; add '{key}: ${{API_{key.ToUpperInvariant()}}}' and export that variable");

        return type switch
        {
            "bearer" => new RestAuthConfig(RestAuthType.Bearer, Secret("token")),
            "basic" => new RestAuthConfig(RestAuthType.Basic, Secret("password"), Username: Required("username", "the user name")),
            "header" => new RestAuthConfig(RestAuthType.Header, Secret("value"), Name: Required("name", "the header's name, e.g. Authorization"), Prefix: auth.Text("prefix") ?? ""),
            "query" => new RestAuthConfig(RestAuthType.Query, Secret("value"), Name: Required("name", "the query parameter's name, e.g. api_key")),
            _ => new RestAuthConfig(RestAuthType.None),
        };
    }

    private static RestPaginationConfig Pagination(ConfigSection paging)
    {
        var type = paging.Choice("type", PaginationTypes) ?? throw paging.Error("type", $"required key is missing; one of: {string.Join(", ", PaginationTypes)}");
        string Required(string key, string what) => paging.RequiredText(key, $"required key is missing for pagination type {type}: {what}");
        int? Size() => (int?)paging.Integer("size", 1, int.MaxValue, "is not a positive whole number");
        int RequiredSize()
        {
            var size = Size();
            paging.Require("size", "required key is missing for pagination type offset: the page size sent in limit_param");
            return size ?? 0;
        }

        return type switch
        {
            "next_url" => new RestPaginationConfig(RestPaginationType.NextUrl, Path: paging.Text("path") ?? "next"),
            "cursor" => new RestPaginationConfig(RestPaginationType.Cursor, Path: Required("path", "where the next cursor is in the body, e.g. meta.next_cursor"),
                Param: Required("param", "the query parameter the cursor goes in, e.g. cursor"), SizeParam: paging.Text("size_param"), Size: Size()),
            "link_header" => new RestPaginationConfig(RestPaginationType.LinkHeader, ResultsParam: paging.Text("results_param")),
            "offset" => new RestPaginationConfig(RestPaginationType.Offset, Param: paging.Text("offset_param") ?? "offset", SizeParam: paging.Text("limit_param") ?? "limit",
                Size: RequiredSize()),
            "page" => new RestPaginationConfig(RestPaginationType.Page, Param: paging.Text("param") ?? "page", SizeParam: paging.Text("size_param"), Size: Size()),
            _ => new RestPaginationConfig(RestPaginationType.None),
        };
    }

    private static RestIncrementalConfig Incremental(ConfigSection incremental) => new(
        incremental.RequiredText("param", "required key is missing: the query parameter that carries the cursor, e.g. updated_since"),
        incremental.RequiredText("cursor_field", "required key is missing: the record field whose largest value is the cursor, e.g. updated_at"),
        incremental.Choice("format", CursorFormats) == "unix" ? RestCursorFormat.Unix : RestCursorFormat.Iso8601,
        incremental.Text("end_param"),
        incremental.Duration("first_window"));
}
