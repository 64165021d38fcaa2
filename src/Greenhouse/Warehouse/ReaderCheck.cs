namespace Greenhouse.Warehouse;

/// <summary>What a database login can do: what <c>greenhouse grant --check</c> reports.</summary>
/// <param name="Exists">The role exists and can log in.</param>
/// <param name="Readable">Each schema it can use, with how many of its tables and views it can select from, of how many.</param>
/// <param name="CreateIn">Where it can create objects: <c>database</c> (new schemas) and schema names.</param>
/// <param name="Writable">Tables it can insert into, update, delete from or truncate (the first few).</param>
/// <param name="CanTemp">It can create temporary tables.</param>
/// <param name="Elevated">It is a superuser or can create roles or databases, or bypass row security.</param>
public sealed record ReaderCheck(
    string Role,
    bool Exists,
    IReadOnlyList<(string Schema, int Selectable, int Tables)> Readable,
    IReadOnlyList<string> CreateIn,
    IReadOnlyList<string> Writable,
    bool CanTemp,
    bool Elevated)
{
    /// <summary>It can read something and can change nothing.</summary>
    public bool ReadOnly => Exists && Readable.Any(s => s.Selectable > 0) && CreateIn.Count == 0 && Writable.Count == 0 && !CanTemp && !Elevated;
}
