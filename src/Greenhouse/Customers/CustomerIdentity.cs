using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>
/// How the person was identified: <c>model</c> (a row of the identity model, <see cref="Row"/>, e.g. the project's
/// <c>dim_customers</c>) or <c>emails</c> (no model: the normalised email matched across the landed tables).
/// </summary>
public sealed record CustomerIdentity(string Kind, string? Relation, JsonObject? Row, string Description);
