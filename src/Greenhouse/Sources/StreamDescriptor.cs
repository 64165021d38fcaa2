namespace Greenhouse.Sources;

/// <summary>
/// A stream as one configured source lands it: the source's name and the connector's <see cref="StreamSpec"/>,
/// which together name the stream (<c>stripe.customers</c>) and its table.
/// </summary>
public sealed record StreamDescriptor(string Source, StreamSpec Spec)
{
    /// <summary>A stream whose key and columns are known only here (tests, a stream discovered as it is read).</summary>
    public StreamDescriptor(string source, string name, string primaryKey, IReadOnlyList<ColumnSpec> columns)
        : this(source, new StreamSpec(name, primaryKey, columns, Cursor: null, Description: null))
    {
    }

    public string Name => Spec.Name;

    public string PrimaryKey => Spec.PrimaryKey;

    public IReadOnlyList<ColumnSpec> Columns => Spec.Columns;

    /// <summary>The name users type: <c>stripe.customers</c>.</summary>
    public string FullName => $"{Source}.{Name}";

    /// <summary>The table's name inside the raw schema: <c>stripe_customers</c>.</summary>
    public string TableName => $"{Source}_{Name}";

    /// <summary>
    /// The columns the warehouse indexes: those that ask for it (<see cref="ColumnSpec.HasIndex"/>) and the one holding
    /// the stream's cursor field (<see cref="StreamSpec.Cursor"/>), which an incremental model filters its new rows by
    /// (<c>where updated_at > (select max(updated_at) from {{ this }})</c>): the index makes that read the new rows, not the table.
    /// </summary>
    public IEnumerable<ColumnSpec> IndexedColumns => Columns.Where(IsIndexed);

    /// <summary>Whether the warehouse indexes <paramref name="column"/> (see <see cref="IndexedColumns"/>).</summary>
    public bool IsIndexed(ColumnSpec column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.HasIndex || Spec.Cursor is { } cursor && string.Equals(column.JsonPath, cursor, StringComparison.Ordinal);
    }

    /// <summary>The primary key is always landed as the text column <c>id</c>.</summary>
    public const string KeyColumn = "id";
}
