namespace Greenhouse.Checks;

/// <summary>
/// One entry of a <c>checks/*.yml</c> file: a query whose rows are the offenders, what identifies one over time
/// (<see cref="Key"/>), how much it matters and whom to tell (see docs/checks.md).
/// </summary>
/// <param name="Sql">The query as written: a template with <c>ref()</c>, <c>source()</c>, <c>var()</c> and the <c>dbt.*</c> macros.</param>
/// <param name="Key">The columns that identify one offending row over time; empty: the whole row.</param>
/// <param name="Message">A template rendered once per row with the row's columns (<c>{{ identifier }} was due {{ due_date }}</c>); null: the key.</param>
/// <param name="Notify">The channels to tell; null: those that take the severity's level.</param>
/// <param name="Schedule">A cron of its own; null: after each build (or, with no transform project, each scheduled sync).</param>
/// <param name="File">The file, relative to greenhouse.yml's folder (<c>checks/linear.yml</c>).</param>
/// <param name="Line">The line of the check's name in <see cref="File"/>.</param>
/// <param name="SqlLine">The line <see cref="Sql"/>'s text starts on.</param>
public sealed record CheckDefinition(
    string Name,
    string? Description,
    string Sql,
    IReadOnlyList<string> Key,
    CheckSeverity Severity,
    string? Message,
    IReadOnlyList<string>? Notify,
    string? Schedule,
    TimeSpan RemindEvery,
    int MaxRows,
    string File,
    int Line,
    int SqlLine)
{
    /// <summary>How long a check that keeps failing waits between reminders, unless it sets <c>remind_every</c>.</summary>
    public static readonly TimeSpan DefaultRemindEvery = TimeSpan.FromHours(24);

    /// <summary>How many offending rows a run keeps (the count is always the true one), unless it sets <c>max_rows</c>.</summary>
    public const int DefaultMaxRows = 100;

    /// <summary><c>checks/linear.yml:3</c>: where it is defined, for messages.</summary>
    public string Location => $"{File}:{Line}";
}
