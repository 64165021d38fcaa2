namespace Greenhouse.Transform.Project;

/// <summary>
/// A file of the project that becomes a node (a model's or singular test's <c>.sql</c>, a seed's <c>.csv</c>).
/// </summary>
/// <param name="Path">Relative to the project root, <c>/</c>-separated: <c>models/staging/stg_customers.sql</c>.</param>
/// <param name="FullPath">The file on disk.</param>
/// <param name="Folders">The folders between the resource path and the file (<c>[staging]</c>): the middle of the node's fqn.</param>
public sealed record ProjectFile(string Path, string FullPath, IReadOnlyList<string> Folders)
{
    /// <summary>The node's name: the file name without its extension.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}
