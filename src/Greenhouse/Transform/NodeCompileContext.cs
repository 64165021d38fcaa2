namespace Greenhouse.Transform;

/// <summary>What the runner tells a model's compile step at run time.</summary>
/// <param name="IsIncremental">
/// What <c>is_incremental()</c> returns: the model is incremental, its relation exists as a table, and this is not a full refresh.
/// </param>
public sealed record NodeCompileContext(bool IsIncremental);
