namespace Greenhouse.Transform;

/// <summary>What an incremental run does when the model returns columns the table lacks, or lacks columns the table has.</summary>
public enum OnSchemaChange
{
    /// <summary>New columns are left out of the table; a column the model no longer returns fails the run.</summary>
    Ignore,
    /// <summary>New columns are added to the table (older rows hold NULL); columns the model no longer returns get NULL in new rows.</summary>
    AppendNewColumns,
    /// <summary>Any difference fails the run, naming the new and missing columns.</summary>
    Fail,
}
