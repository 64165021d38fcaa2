namespace Greenhouse.Warehouse;

/// <summary>
/// A column every landed table has besides the stream's typed columns: its key <c>id</c> and the <c>_gh_</c> metadata.
/// <see cref="All"/> is the one list the warehouse (PostgreSQL's <c>COMMENT ON COLUMN</c>) and the catalog tools describe them from.
/// </summary>
public sealed record MetadataColumn(string Name, string Description)
{
    /// <summary>The soft-delete column: a row the vendor deleted keeps its data with this set; live rows have it null.</summary>
    public const string DeletedAt = "_gh_deleted_at";

    /// <summary>The raw payload column: the record as the vendor sent it (PostgreSQL <c>jsonb</c>; SQLite JSON text).</summary>
    public const string Raw = "_gh_raw";

    /// <summary>Every such column, in table order: <c>id</c> first, the <c>_gh_</c> columns after the typed ones.</summary>
    public static IReadOnlyList<MetadataColumn> All { get; } =
    [
        new(Sources.StreamDescriptor.KeyColumn, "the record's primary key: the vendor's id, as text"),
        new(Raw, "the record as the vendor sent it (JSON); read a field without a typed column with _gh_raw ->> 'field'"),
        new("_gh_hash", "SHA-256 of the canonical payload: an unchanged record keeps its hash and is not rewritten"),
        new("_gh_first_seen", "when Greenhouse first landed the record"),
        new("_gh_last_synced", "when the record's content last changed in the warehouse"),
        new(DeletedAt, "when the record was found deleted at the vendor (soft delete); null for live records: filter _gh_deleted_at IS NULL"),
        new("_gh_as_of", "the instant the stored snapshot describes; an older snapshot never overwrites a newer one"),
        new("_gh_run_id", "the run (_gh_runs.run_id) that last changed the record"),
    ];
}
