namespace Greenhouse.Sources;

/// <summary>
/// What a connector offers for one stream, whichever source lands it: its name, primary key, typed columns, the
/// record field its incremental cursor follows, and what the stream holds. The raw JSON payload and the metadata
/// columns are added by the warehouse.
/// </summary>
/// <param name="Cursor">The record field (JSON path) whose newest value an incremental run resumes from; null when
/// every run reads the stream in full or the cursor is not a field of the record (a request window).</param>
/// <param name="Description">One line on what a record of the stream is, in the vendor's terms; null when the
/// stream comes from the config (REST, CSV).</param>
public sealed record StreamSpec(string Name, string PrimaryKey, IReadOnlyList<ColumnSpec> Columns, string? Cursor, string? Description);
