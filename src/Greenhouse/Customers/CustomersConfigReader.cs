using Greenhouse.Config;

namespace Greenhouse.Customers;

/// <summary>
/// Reads <c>customers:</c>, how the customer 360 (the web UI's page, MCP's <c>lookup_customer</c>) tells people apart:
/// <c>customers: {identity: dim_people}</c> names the model whose rows are the people, one per normalised email, in
/// place of the transform project's <c>dim_customers</c>.
/// </summary>
internal static class CustomersConfigReader
{
    public static string? IdentityModel(ConfigSection root) =>
        root.Entry("customers")?.Read<string?>("expected a mapping with identity: (the model whose rows are the people)", section =>
            section.Entry("identity")?.Check(ConfigNames.IsIdentifier, _ => "is not a model name (lower-case letters, digits, underscores)"));
}
