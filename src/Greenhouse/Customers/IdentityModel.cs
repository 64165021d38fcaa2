using Greenhouse.Warehouse;

namespace Greenhouse.Customers;

/// <summary>
/// The model whose rows are the people (<see cref="CustomerOptions.IdentityModel"/>): one row per normalised email, and
/// the columns a lookup reads when it has them (<c>name</c>, <c>stripe_customer_id</c>, <c>github_login</c>,
/// <c>lifetime_value_reporting</c>, <c>reporting_currency</c>).
/// </summary>
internal sealed record IdentityModel(ModelRelation Relation, IReadOnlySet<string> Columns)
{
    public const string EmailColumn = "email";

    public string Name => Relation.Sql.Replace("\"", "", StringComparison.Ordinal);

    public bool Has(string column) => Columns.Contains(column);
}
