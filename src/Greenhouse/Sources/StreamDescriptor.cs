namespace Greenhouse.Sources;

/// <summary>
/// What a connector offers for one stream: its name, primary key and typed columns.
/// The raw JSON payload and the metadata columns are added by the warehouse.
/// </summary>
public sealed record StreamDescriptor(string Source, string Name, string PrimaryKey, IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>The name users type: <c>stripe.customers</c>.</summary>
    public string FullName => $"{Source}.{Name}";

    /// <summary>The table's name inside the raw schema: <c>stripe_customers</c>.</summary>
    public string TableName => $"{Source}_{Name}";

    /// <summary>The primary key is always landed as the text column <c>id</c>.</summary>
    public const string KeyColumn = "id";
}
