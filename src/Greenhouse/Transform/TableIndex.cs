namespace Greenhouse.Transform;

/// <summary>
/// One entry of a table or incremental model's <c>indexes</c> config, as dbt-postgres has it
/// (<c>indexes=[{'columns': ['updated_at']}, {'columns': ['id'], 'unique': True}]</c>): made on the table each time it
/// is built in full, in the build's transaction. An incremental model filtering its new rows by
/// <c>max(updated_at)</c> of its own table reads that from the index instead of the whole table.
/// </summary>
/// <param name="Columns">The indexed columns, in order (names, not expressions).</param>
/// <param name="Unique">Whether the index is unique.</param>
public sealed record TableIndex(IReadOnlyList<string> Columns, bool Unique);
