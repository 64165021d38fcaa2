using System.Text.Json.Nodes;

namespace Greenhouse.Sources.GraphQL;

/// <summary>
/// The fields a GraphQL stream selects on each node, read from its query text, so that an object from elsewhere (a
/// webhook's payload) can be shaped like a node of that query's result: exactly the selected fields, in selection
/// order, nested as selected, a missing field as null. The differences between a vendor's webhook objects and its
/// GraphQL nodes that the shaping bridges, and only these:
/// <list type="bullet">
/// <item>a list where a connection is selected (<c>labels { nodes { id name } }</c> given <c>labels: [{…}]</c>) becomes <c>{"nodes": […]}</c>;</item>
/// <item>a string where an object of one field is selected (Plain's <c>createdAt { iso8601 }</c> given
/// <c>"createdAt": "2025-…"</c>) becomes that object;</item>
/// <item>a missing or null object whose id the source carries beside it (<c>team { id key }</c> given only
/// <c>teamId</c>) becomes <c>{"id": …}</c> with its other fields null.</item>
/// </list>
/// </summary>
internal sealed class GraphQLSelection
{
    private GraphQLSelection(IReadOnlyList<Field> fields) => Fields = fields;

    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The selection on each node of the connection a stream's query reads (<c>nodes { … }</c> or <c>edges { node { … } }</c>).</summary>
    public static GraphQLSelection OfNodes(string query)
    {
        var root = new Parser(query).Document();
        if (root.Fields is not [{ Selection: { } connection }])
        {
            throw new FormatException("The query does not select exactly one connection.");
        }

        return connection.Child("nodes")
            ?? connection.Child("edges")?.Child("node")
            ?? throw new FormatException("The connection selects neither nodes { … } nor edges { node { … } }.");
    }

    /// <summary><paramref name="source"/> shaped like a node of this selection (a new object; the source is not changed).</summary>
    public JsonObject Shape(JsonObject source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var shaped = new JsonObject();
        foreach (var field in Fields)
        {
            source.TryGetPropertyValue(field.Name, out var value);
            shaped[field.Name] = field.Selection is { } selection ? selection.ShapeValue(field.Name, value, source) : value?.DeepClone();
        }

        return shaped;
    }

    private GraphQLSelection? Child(string name) => Fields.FirstOrDefault(f => f.Name == name)?.Selection;

    private JsonNode? ShapeValue(string name, JsonNode? value, JsonObject parent) => value switch
    {
        JsonObject nested => Shape(nested),
        JsonArray list when Fields is [{ Name: "nodes", Selection: { } nodes }] => new JsonObject { ["nodes"] = nodes.ShapeList(list) },
        JsonArray list => ShapeList(list),
        JsonValue scalar when Fields is [{ Selection: null } only] => new JsonObject { [only.Name] = scalar.DeepClone() },
        null when parent[name + "Id"] is JsonValue id => Shape(new JsonObject { ["id"] = id.DeepClone() }),
        _ => value?.DeepClone(),
    };

    private JsonArray ShapeList(JsonArray list) => new([.. list.Select(item => item is JsonObject element ? Shape(element) : item?.DeepClone())]);

    /// <summary>One selected field: its response key (the alias when there is one) and its sub-selection (null for a leaf).</summary>
    public sealed record Field(string Name, GraphQLSelection? Selection);

    /// <summary>
    /// Just enough of GraphQL's grammar for the queries the connectors send: an operation header (skipped up to its
    /// selection set), fields with optional aliases, arguments (skipped) and nested selection sets.
    /// </summary>
    private sealed class Parser(string text)
    {
        private int _position;

        public GraphQLSelection Document()
        {
            // Skip the operation header (`query Name($first: Int!, …)`), parentheses and all, up to its selection set.
            while (Peek() is { } token && token != "{")
            {
                if (token == "(")
                {
                    SkipArguments();
                }
                else
                {
                    Next();
                }
            }

            return SelectionSet();
        }

        private GraphQLSelection SelectionSet()
        {
            Expect("{");
            var fields = new List<Field>();
            while (Peek() is { } token && token != "}")
            {
                var name = Name(Next());
                if (Peek() == ":")
                {
                    Next();
                    Name(Next()); // the field behind an alias; the response uses the alias
                }

                if (Peek() == "(")
                {
                    SkipArguments();
                }

                fields.Add(new Field(name, Peek() == "{" ? SelectionSet() : null));
            }

            Expect("}");
            return new GraphQLSelection(fields);
        }

        private void SkipArguments()
        {
            Expect("(");
            for (var depth = 1; depth > 0;)
            {
                var token = Next() ?? throw new FormatException("Unbalanced parentheses in the query.");
                depth += token == "(" ? 1 : token == ")" ? -1 : 0;
            }
        }

        private void Expect(string expected)
        {
            if (Next() != expected)
            {
                throw new FormatException($"Expected '{expected}' at offset {_position} of the query.");
            }
        }

        private static string Name(string? token) =>
            token is { Length: > 0 } && (char.IsLetter(token[0]) || token[0] == '_')
                ? token
                : throw new FormatException($"Expected a field name, found '{token}'.");

        private string? Peek()
        {
            var saved = _position;
            var token = Next();
            _position = saved;
            return token;
        }

        private string? Next()
        {
            while (_position < text.Length && (char.IsWhiteSpace(text[_position]) || text[_position] == ','))
            {
                _position++;
            }

            if (_position >= text.Length)
            {
                return null;
            }

            var start = _position;
            var c = text[_position];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
                {
                    _position++;
                }
            }
            else if (c == '"')
            {
                _position++;
                while (_position < text.Length && text[_position] != '"')
                {
                    _position += text[_position] == '\\' ? 2 : 1;
                }

                _position = Math.Min(_position + 1, text.Length);
            }
            else
            {
                _position++;
            }

            return text[start.._position];
        }
    }
}
