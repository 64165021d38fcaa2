namespace Greenhouse.Transform.Project;

/// <summary>What a manifest node is (dbt's <c>resource_type</c>).</summary>
public enum ManifestNodeType
{
    Model,
    Seed,
    Test,
    Source,
}
