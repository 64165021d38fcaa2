using System.Text.Json.Nodes;

namespace Greenhouse.Catalog;

/// <summary>What <c>describe_table</c> answers: a relation's columns, key, relationships and a few live sample rows.</summary>
/// <param name="PrimaryKey">The key column (a stream's <c>id</c>) and the vendor field it comes from; null for a modelled relation.</param>
public sealed record TableDescription(
    string Name,
    string Kind,
    string? Stream,
    string? Description,
    string? PrimaryKey,
    IReadOnlyList<ColumnDescription> Columns,
    IReadOnlyList<TableRelationship> Relationships,
    IReadOnlyList<JsonObject> SampleRows,
    string Note);
