namespace Greenhouse.Sources;

/// <summary>A typed, queryable column extracted from a record's JSON at <paramref name="JsonPath"/> (dot-separated keys).</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, string JsonPath)
{
    private readonly IReadOnlyList<string> _fallbackPaths = [];

    public ColumnSpec(string name, ColumnType type) : this(name, type, name) { }

    /// <summary>
    /// Where else the value may be, tried in order when <see cref="JsonPath"/> is absent or null: the same field in
    /// another shape of the record (a vendor's older or newer API version). The column holds the first value found.
    /// </summary>
    public IReadOnlyList<string> FallbackPaths
    {
        get => _fallbackPaths;
        init
        {
            _fallbackPaths = value;
            PathSegments = [JsonPath.Split('.'), .. value.Select(path => path.Split('.'))];
        }
    }

    /// <summary><see cref="JsonPath"/> and then each of <see cref="FallbackPaths"/>, split into keys (a number also indexes an array).</summary>
    public IReadOnlyList<string[]> PathSegments { get; private init; } = [JsonPath.Split('.')];

    /// <summary>One line on what the column holds, in the vendor's terms; null or derived when the column comes from the config.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// People filter or join on it (an email, a creation time, a login): the warehouse indexes it. A column that
    /// <see cref="References"/> another stream is indexed too.
    /// </summary>
    public bool Indexed { get; init; }

    /// <summary>
    /// The stream of the same source whose <c>id</c> this column holds (a foreign key: <c>customers</c> for a
    /// subscription's <c>customer</c>); null when it holds no stream's id. Tools that describe tables show it as a
    /// relationship, and the warehouse indexes the column.
    /// </summary>
    public string? References { get; init; }

    /// <summary>
    /// Its values name a person whatever their case (an email, a login), so lookups compare them in lower case: the
    /// warehouse also indexes <c>lower(column)</c> (PostgreSQL: with <c>text_pattern_ops</c>, so a prefix
    /// <c>LIKE 'ada@%'</c> uses it too). Only for text columns.
    /// </summary>
    public bool CaseInsensitive { get; init; }

    /// <summary>The warehouse keeps an index on it: <see cref="Indexed"/>, or it <see cref="References"/> another stream.</summary>
    public bool HasIndex => Indexed || References is not null;
}
