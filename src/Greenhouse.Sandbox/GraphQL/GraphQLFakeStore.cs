using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.GraphQL;

/// <summary>
/// The entities of a GraphQL fake by connection name, served as Relay pages ordered by <c>updatedAt</c> then id, with
/// opaque cursors that encode that position (so a cursor stays valid while other entities change). Thread-safe.
/// </summary>
public sealed class GraphQLFakeStore(string updatedAtPath)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<JsonObject>> _connections = new(StringComparer.Ordinal);
    private readonly string[] _updatedAtPath = updatedAtPath.Split('.');

    internal void Add(string connection, JsonObject node)
    {
        lock (_lock)
        {
            if (!_connections.TryGetValue(connection, out var nodes))
            {
                _connections[connection] = nodes = [];
            }

            nodes.Add(node);
        }
    }

    public bool Has(string connection)
    {
        lock (_lock)
        {
            return _connections.ContainsKey(connection);
        }
    }

    public IReadOnlyList<string> Ids(string connection)
    {
        lock (_lock)
        {
            return [.. Nodes(connection).Select(n => (string)n["id"]!)];
        }
    }

    public int Count(string connection) => Ids(connection).Count;

    /// <summary>A copy of an entity.</summary>
    public JsonObject Get(string connection, string id)
    {
        lock (_lock)
        {
            return (JsonObject)Find(connection, id).DeepClone();
        }
    }

    /// <summary>Changes an entity in place (the caller moves its <c>updatedAt</c> when the change should be visible as one).</summary>
    public void Update(string connection, string id, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            change(Find(connection, id));
        }
    }

    /// <summary>Deletes an entity outright (it is no longer returned).</summary>
    public void Remove(string connection, string id)
    {
        lock (_lock)
        {
            Nodes(connection).Remove(Find(connection, id));
        }
    }

    /// <summary>
    /// One Relay page: <c>{nodes|edges, pageInfo}</c>. With <paramref name="stuckCursor"/> the page always reports the
    /// same <c>endCursor</c> and more pages (a broken server), so a client that trusts it would loop forever; with
    /// <paramref name="repeatFirst"/> the page holds its first node twice.
    /// </summary>
    internal JsonObject Page(string connection, int first, string? after, DateTimeOffset? updatedAfter, bool edges, bool stuckCursor, DateTimeOffset? updatedFrom = null, bool repeatFirst = false)
    {
        lock (_lock)
        {
            var ordered = Nodes(connection)
                .Where(n => (updatedAfter is null || UpdatedAt(n) > updatedAfter) && (updatedFrom is null || UpdatedAt(n) >= updatedFrom))
                .OrderBy(UpdatedAt).ThenBy(n => (string)n["id"]!, StringComparer.Ordinal)
                .ToList();
            var start = 0;
            if (after is not null && Decode(after) is { } position)
            {
                start = ordered.FindIndex(n => Compare(n, position) > 0);
                start = start < 0 ? ordered.Count : start;
            }

            var page = ordered.Skip(start).Take(Math.Clamp(first, 1, 250)).ToList();
            if (repeatFirst && page.Count > 0)
            {
                page.Insert(1, page[0]);
            }

            var hasNext = start + page.Count < ordered.Count;
            var endCursor = page.Count > 0 ? Encode(page[^1]) : after;
            if (stuckCursor && ordered.Count > 0)
            {
                hasNext = true;
                endCursor = Encode(ordered[0]);
            }

            var result = new JsonObject();
            result[edges ? "edges" : "nodes"] = new JsonArray([.. page.Select(n => edges
                ? new JsonObject { ["cursor"] = Encode(n), ["node"] = n.DeepClone() }
                : n.DeepClone())]);
            result["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = hasNext,
                ["hasPreviousPage"] = start > 0,
                ["startCursor"] = page.Count > 0 ? Encode(page[0]) : null,
                ["endCursor"] = endCursor,
            };
            return result;
        }
    }

    private List<JsonObject> Nodes(string connection) => _connections.TryGetValue(connection, out var nodes) ? nodes : [];

    private JsonObject Find(string connection, string id) =>
        Nodes(connection).FirstOrDefault(n => (string)n["id"]! == id)
        ?? throw new KeyNotFoundException($"No {connection} entity has id {id}.");

    private DateTimeOffset UpdatedAt(JsonObject node)
    {
        JsonNode? value = node;
        foreach (var segment in _updatedAtPath)
        {
            value = value?[segment];
        }

        return DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    private int Compare(JsonObject node, (DateTimeOffset UpdatedAt, string Id) position)
    {
        var byTime = UpdatedAt(node).CompareTo(position.UpdatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal((string)node["id"]!, position.Id);
    }

    private string Encode(JsonObject node) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(UpdatedAt(node).UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + (string)node["id"]!));

    private static (DateTimeOffset, string)? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
