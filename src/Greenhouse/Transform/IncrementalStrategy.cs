namespace Greenhouse.Transform;

/// <summary>How an incremental run writes the model's new rows into the table.</summary>
public enum IncrementalStrategy
{
    /// <summary>Insert them all.</summary>
    Append,
    /// <summary>Delete the table's rows whose unique key is among them, then insert them (dbt's <c>delete+insert</c>).</summary>
    DeleteInsert,
    /// <summary>Update the rows whose unique key matches, insert the others; the new rows must hold each key once.</summary>
    Merge,
}
