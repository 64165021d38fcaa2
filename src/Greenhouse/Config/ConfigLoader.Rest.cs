using System.Globalization;
using System.Text.RegularExpressions;
using Greenhouse.Sources;
using Greenhouse.Sources.Rest;
using YamlDotNet.RepresentationModel;

namespace Greenhouse.Config;

/// <summary>
/// The nested part of a declarative REST source (<c>type: rest</c>): <c>auth:</c> and the <c>streams:</c> it defines,
/// checked key by key with the loader's own errors (<c>file:line:col: key: problem</c>, "did you mean").
/// </summary>
public sealed partial class ConfigLoader
{
    private static readonly string[] RestSourceKeys = ["auth"];

    private static readonly string[] RestStreamKeys =
        ["path", "params", "records", "primary_key", "pagination", "incremental", "columns", "max_staleness", "schedule"];

    private static readonly string[] RestIncrementalKeys = ["param", "end_param", "cursor_field", "format", "first_window"];

    private static readonly string[] RestColumnKeys = ["type", "path"];

    private static readonly Dictionary<string, string[]> RestAuthKeys = new(StringComparer.Ordinal)
    {
        ["none"] = ["type"],
        ["bearer"] = ["type", "token"],
        ["basic"] = ["type", "username", "password"],
        ["header"] = ["type", "name", "value", "prefix"],
        ["query"] = ["type", "name", "value"],
    };

    private static readonly Dictionary<string, string[]> RestPaginationKeys = new(StringComparer.Ordinal)
    {
        ["none"] = ["type"],
        ["next_url"] = ["type", "path"],
        ["cursor"] = ["type", "path", "param", "size_param", "size"],
        ["link_header"] = ["type", "results_param"],
        ["offset"] = ["type", "offset_param", "limit_param", "size"],
        ["page"] = ["type", "param", "size_param", "size"],
    };

    private static readonly Dictionary<string, ColumnType> RestColumnTypes = new(StringComparer.Ordinal)
    {
        ["text"] = ColumnType.Text,
        ["integer"] = ColumnType.Integer,
        ["decimal"] = ColumnType.Decimal,
        ["boolean"] = ColumnType.Boolean,
        ["timestamp"] = ColumnType.Timestamp,
    };

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();

    private static bool IsRest(string type) => type == RestConnector.TypeName;

    private RestSourceConfig ParseRest(ConfigFile file, string prefix, YamlNode sourceNode, Dictionary<string, YamlNode> keys, Dictionary<string, StreamSettings> streamSettings)
    {
        var auth = keys.TryGetValue("auth", out var authNode) ? RestAuth(file, authNode, $"{prefix}.auth") : new RestAuthConfig(RestAuthType.None);
        if (!keys.TryGetValue("streams", out var streamsNode))
        {
            throw file.Error(sourceNode, $"{prefix}.streams", "required key is missing; a rest source defines its streams, e.g. 'streams: {issues: {path: issues/}}'");
        }

        if (streamsNode is not YamlMappingNode streamsMapping || streamsMapping.Children.Count == 0)
        {
            throw file.Error(streamsNode, $"{prefix}.streams", "expected a mapping of stream names to their definitions (path:, records:, pagination:, columns:)");
        }

        var streams = new List<RestStreamConfig>();
        foreach (var (nameNode, streamNode) in streamsMapping.Children)
        {
            var name = (nameNode as YamlScalarNode)?.Value ?? "";
            var path = $"{prefix}.streams.{name}";
            if (!Identifier().IsMatch(name))
            {
                throw file.Error(nameNode, path, "a stream name must be a plain lower-case identifier (letters, digits, underscores)");
            }

            if (streamNode is not YamlMappingNode streamMapping)
            {
                throw file.Error(streamNode, path, "expected the stream's definition (path:, records:, primary_key:, pagination:, columns:)");
            }

            var streamKeys = Keys(file, streamMapping, path, RestStreamKeys);
            streams.Add(RestStream(file, name, path, streamNode, streamKeys));
            streamSettings[name] = new StreamSettings(
                OptionalDuration(file, streamKeys, "max_staleness", $"{path}.max_staleness"),
                streamKeys.TryGetValue("schedule", out var schedule) ? Cron(file, schedule, $"{path}.schedule") : null);
        }

        return new RestSourceConfig(auth, streams);
    }

    private RestStreamConfig RestStream(ConfigFile file, string name, string path, YamlNode node, Dictionary<string, YamlNode> keys)
    {
        string? Text(string key) => keys.TryGetValue(key, out var n) ? Scalar(file, n, $"{path}.{key}", false).Value : null;
        var endpoint = Text("path") ?? throw file.Error(node, $"{path}.path", "required key is missing; the endpoint relative to base_url, e.g. 'path: organizations/acme/issues/'");

        var parameters = new List<KeyValuePair<string, string>>();
        if (keys.TryGetValue("params", out var paramsNode))
        {
            if (paramsNode is not YamlMappingNode paramsMapping)
            {
                throw file.Error(paramsNode, $"{path}.params", "expected a mapping of query parameters, e.g. '{sort: date, limit: \"100\"}'");
            }

            foreach (var (keyNode, valueNode) in paramsMapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                parameters.Add(new(key, Scalar(file, valueNode, $"{path}.params.{key}", false).Value));
            }
        }

        var columns = new List<ColumnSpec>();
        if (keys.TryGetValue("columns", out var columnsNode))
        {
            if (columnsNode is not YamlMappingNode columnsMapping)
            {
                throw file.Error(columnsNode, $"{path}.columns", "expected a mapping of column names to types, e.g. '{status: text, count: integer}'");
            }

            foreach (var (keyNode, valueNode) in columnsMapping.Children)
            {
                columns.Add(RestColumn(file, keyNode, valueNode, $"{path}.columns"));
            }
        }

        return new RestStreamConfig(
            name,
            endpoint,
            parameters,
            Text("records") ?? "",
            Text("primary_key") ?? StreamDescriptor.KeyColumn,
            keys.TryGetValue("pagination", out var paginationNode) ? RestPagination(file, paginationNode, $"{path}.pagination") : new RestPaginationConfig(RestPaginationType.None),
            keys.TryGetValue("incremental", out var incrementalNode) ? RestIncremental(file, incrementalNode, $"{path}.incremental") : null,
            columns);
    }

    private ColumnSpec RestColumn(ConfigFile file, YamlNode keyNode, YamlNode valueNode, string prefix)
    {
        var name = (keyNode as YamlScalarNode)?.Value ?? "";
        var path = $"{prefix}.{name}";
        if (!ColumnName().IsMatch(name) || name == StreamDescriptor.KeyColumn || name.StartsWith("_gh_", StringComparison.Ordinal))
        {
            throw file.Error(keyNode, path, $"'{name}' cannot be a column name (letters, digits and underscores; not 'id' or '_gh_…', which Greenhouse adds)");
        }

        YamlNode typeNode = valueNode;
        var jsonPath = name;
        if (valueNode is YamlMappingNode columnMapping)
        {
            var columnKeys = Keys(file, columnMapping, path, RestColumnKeys);
            typeNode = columnKeys.TryGetValue("type", out var t) ? t : throw file.Error(valueNode, $"{path}.type", $"required key is missing; one of: {string.Join(", ", RestColumnTypes.Keys)}");
            jsonPath = columnKeys.TryGetValue("path", out var p) ? Scalar(file, p, $"{path}.path", false).Value : name;
        }

        var type = Scalar(file, typeNode, path, false).Value;
        return RestColumnTypes.TryGetValue(type, out var columnType)
            ? new ColumnSpec(name, columnType, jsonPath)
            : throw file.Error(typeNode, path, $"'{type}' is not a column type.{DidYouMean.Hint(type, RestColumnTypes.Keys)} One of: {string.Join(", ", RestColumnTypes.Keys)}");
    }

    private RestAuthConfig RestAuth(ConfigFile file, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, path, "expected type: (bearer, basic, header, query or none) and its keys, e.g. '{type: bearer, token: ${API_TOKEN}}'");
        }

        var type = Choice(file, mapping, node, path, RestAuthKeys.Keys);
        var keys = Keys(file, mapping, path, RestAuthKeys[type]);
        string Required(string key, string what) => keys.TryGetValue(key, out var n)
            ? Scalar(file, n, $"{path}.{key}", false).Value
            : throw file.Error(node, $"{path}.{key}", $"required key is missing for auth type {type}: {what}");
        Credential Secret(string key) => keys.TryGetValue(key, out var n) && Scalar(file, n, $"{path}.{key}", secret: true) is var (value, variable)
            ? new Credential(value, $"{path}.{key}", variable)
            : throw file.Error(node, $"{path}.{key}", $"required key is missing for auth type {type}; add '{key}: ${{API_{key.ToUpperInvariant()}}}' and export that variable");

        return type switch
        {
            "bearer" => new RestAuthConfig(RestAuthType.Bearer, Secret("token")),
            "basic" => new RestAuthConfig(RestAuthType.Basic, Secret("password"), Username: Required("username", "the user name")),
            "header" => new RestAuthConfig(RestAuthType.Header, Secret("value"), Name: Required("name", "the header's name, e.g. Authorization"),
                Prefix: keys.TryGetValue("prefix", out var prefixNode) ? Scalar(file, prefixNode, $"{path}.prefix", false).Value : ""),
            "query" => new RestAuthConfig(RestAuthType.Query, Secret("value"), Name: Required("name", "the query parameter's name, e.g. api_key")),
            _ => new RestAuthConfig(RestAuthType.None),
        };
    }

    private RestPaginationConfig RestPagination(ConfigFile file, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, path, $"expected type: ({string.Join(", ", RestPaginationKeys.Keys)}) and its keys, e.g. '{{type: next_url, path: next}}'");
        }

        var type = Choice(file, mapping, node, path, RestPaginationKeys.Keys);
        var keys = Keys(file, mapping, path, RestPaginationKeys[type]);
        string? Text(string key) => keys.TryGetValue(key, out var n) ? Scalar(file, n, $"{path}.{key}", false).Value : null;
        string Required(string key, string what) => Text(key) ?? throw file.Error(node, $"{path}.{key}", $"required key is missing for pagination type {type}: {what}");
        int? Size()
        {
            if (!keys.TryGetValue("size", out var sizeNode))
            {
                return null;
            }

            var text = Scalar(file, sizeNode, $"{path}.size", false).Value;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
                ? size
                : throw file.Error(sizeNode, $"{path}.size", $"'{text}' is not a positive whole number");
        }

        return type switch
        {
            "next_url" => new RestPaginationConfig(RestPaginationType.NextUrl, Path: Text("path") ?? "next"),
            "cursor" => new RestPaginationConfig(RestPaginationType.Cursor, Path: Required("path", "where the next cursor is in the body, e.g. meta.next_cursor"),
                Param: Required("param", "the query parameter the cursor goes in, e.g. cursor"), SizeParam: Text("size_param"), Size: Size()),
            "link_header" => new RestPaginationConfig(RestPaginationType.LinkHeader, ResultsParam: Text("results_param")),
            "offset" => new RestPaginationConfig(RestPaginationType.Offset, Param: Text("offset_param") ?? "offset", SizeParam: Text("limit_param") ?? "limit",
                Size: Size() ?? throw file.Error(node, $"{path}.size", "required key is missing for pagination type offset: the page size sent in limit_param")),
            "page" => new RestPaginationConfig(RestPaginationType.Page, Param: Text("param") ?? "page", SizeParam: Text("size_param"), Size: Size()),
            _ => new RestPaginationConfig(RestPaginationType.None),
        };
    }

    private RestIncrementalConfig RestIncremental(ConfigFile file, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw file.Error(node, path, "expected param: and cursor_field:, e.g. '{param: updated_since, cursor_field: updated_at}'");
        }

        var keys = Keys(file, mapping, path, RestIncrementalKeys);
        string? Text(string key) => keys.TryGetValue(key, out var n) ? Scalar(file, n, $"{path}.{key}", false).Value : null;
        var format = Text("format") ?? "iso8601";
        return new RestIncrementalConfig(
            Text("param") ?? throw file.Error(node, $"{path}.param", "required key is missing: the query parameter that carries the cursor, e.g. updated_since"),
            Text("cursor_field") ?? throw file.Error(node, $"{path}.cursor_field", "required key is missing: the record field whose largest value is the cursor, e.g. updated_at"),
            format switch
            {
                "iso8601" => RestCursorFormat.Iso8601,
                "unix" => RestCursorFormat.Unix,
                _ => throw file.Error(keys["format"], $"{path}.format", $"'{format}' is not one of: iso8601, unix.{DidYouMean.Hint(format, ["iso8601", "unix"])}"),
            },
            Text("end_param"),
            OptionalDuration(file, keys, "first_window", $"{path}.first_window"));
    }

    /// <summary>The <c>type:</c> of a nested mapping, which decides which other keys it may have.</summary>
    private string Choice(ConfigFile file, YamlMappingNode mapping, YamlNode node, string path, IReadOnlyCollection<string> types)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode("type"), out var typeNode))
        {
            throw file.Error(node, $"{path}.type", $"required key is missing; one of: {string.Join(", ", types)}");
        }

        var type = Scalar(file, typeNode, $"{path}.type", false).Value;
        return types.Contains(type)
            ? type
            : throw file.Error(typeNode, $"{path}.type", $"'{type}' is not one of: {string.Join(", ", types)}.{DidYouMean.Hint(type, types)}");
    }
}
