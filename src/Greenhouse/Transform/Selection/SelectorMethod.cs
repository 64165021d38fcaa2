namespace Greenhouse.Transform.Selection;

/// <summary>dbt's selection methods (<c>MethodName</c> in dbt-core's <c>graph/selector_methods.py</c>) that Greenhouse reads.</summary>
internal enum SelectorMethod
{
    Fqn,
    Tag,
    Source,
    Path,
    File,
    Package,
    Config,
    TestName,
    TestType,
    ResourceType,
    Group,
    Access,
    Version,

    /// <summary>Methods for resources Greenhouse has none of (exposures, metrics, semantic models, saved queries, unit tests): valid, they match nothing.</summary>
    NoResources,
}
