namespace Greenhouse.Checks;

/// <summary>
/// What one run of any check found, whoever ran it (a <c>checks/*.yml</c> entry, a dbt test): what
/// <see cref="CheckService.RecordAsync"/> stores in the history and alerts on. <see cref="Rows"/> is a sample of
/// the offending rows (at most <see cref="MaxRows"/> are kept); <see cref="FailingRows"/> is the true count.
/// </summary>
public sealed record CheckOutcome
{
    /// <summary>The check's name: the key of its history and alerts (<c>check:NAME</c>).</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public CheckSeverity Severity { get; init; } = CheckSeverity.Error;

    public required CheckStatus Status { get; init; }

    /// <summary>How many rows failed, all of them counted; when less than <see cref="Rows"/>' count, that count is taken.</summary>
    public long FailingRows { get; init; }

    /// <summary>The result's column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Offending rows, each with a value per column (CLR values as the driver returned them).</summary>
    public IReadOnlyList<object?[]> Rows { get; init; } = [];

    /// <summary>The columns that identify one offending row over time; empty: the whole row.</summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>The SQL that ran, compiled: what a message tells people to run to see every row.</summary>
    public string? Sql { get; init; }

    public double Seconds { get; init; }

    /// <summary>Why it could not run (with <see cref="CheckStatus.RuntimeError"/>), with its file and line.</summary>
    public string? Error { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The sync or transform run it ran after; null when it ran on its own.</summary>
    public long? RunId { get; init; }

    /// <summary>A template rendered per row with its columns, for messages; null: the row's key.</summary>
    public string? Message { get; init; }

    /// <summary>The channels to tell; null: the channels that take the severity's level.</summary>
    public IReadOnlyList<string>? Notify { get; init; }

    public TimeSpan RemindEvery { get; init; } = CheckDefinition.DefaultRemindEvery;

    /// <summary>How many of <see cref="Rows"/> are stored per run.</summary>
    public int MaxRows { get; init; } = CheckDefinition.DefaultMaxRows;

    /// <summary>Where the check is defined (<c>checks/linear.yml:3</c>, <c>tests/no_refunds.sql</c>), for messages; null when unknown.</summary>
    public string? Location { get; init; }

    /// <summary>True when the run found offending rows (warn or error).</summary>
    public bool Failing => Status is CheckStatus.Warn or CheckStatus.Error;
}
