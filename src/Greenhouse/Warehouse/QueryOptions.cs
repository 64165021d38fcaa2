namespace Greenhouse.Warehouse;

/// <summary>The limits an ad-hoc query runs under.</summary>
public sealed record QueryOptions
{
    /// <summary>No limits: what <c>greenhouse query</c> runs with.</summary>
    public static QueryOptions Unrestricted { get; } = new();

    /// <summary>
    /// Refuse writes. SQLite: a read-only connection (<c>Mode=ReadOnly</c>). PostgreSQL: one statement in a
    /// <c>READ ONLY</c> transaction; only the role's grants make a login truly read-only (a function may still write elsewhere).
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Read only the modelled relations: those of this schema and of its <c>&lt;schema&gt;_*</c> schemas (SQLite: table
    /// prefixes), and what their views read; raw stream tables and Greenhouse's <c>_gh_</c> tables are refused. SQLite:
    /// the read-only connection's authorizer. PostgreSQL: the <c>model_reader:</c> login (made by <c>greenhouse grant
    /// reader NAME --models-only</c>), whose grants hold only those schemas; without one such a query is refused.
    /// What the web UI's viewers run. Implies <see cref="ReadOnly"/>; null: no such limit.
    /// </summary>
    public string? ModelSchema { get; init; }

    /// <summary>Keep at most this many rows (<see cref="QueryResult.Truncated"/> tells when more were there); null: all.</summary>
    public int? MaxRows { get; init; }

    /// <summary>
    /// Keep only this many of the rows read, but read on (up to <see cref="MaxRows"/>) and count the rest into
    /// <see cref="QueryResult.RowCount"/>: a display that shows "first 1,000 of 15,450 rows"; null: keep every row read.
    /// </summary>
    public int? KeepRows { get; init; }

    /// <summary>
    /// Stop the query after this long (SQLite: <c>sqlite3_interrupt</c>; PostgreSQL: <c>statement_timeout</c>); null: no limit.
    /// </summary>
    public TimeSpan? Timeout { get; init; }
}
