namespace Greenhouse.Transform;

/// <summary>What a node is in a dbt project.</summary>
public enum NodeKind
{
    Model,
    Seed,
}
