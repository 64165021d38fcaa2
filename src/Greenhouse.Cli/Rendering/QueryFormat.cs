namespace Greenhouse.Cli.Rendering;

/// <summary>How <c>greenhouse query</c> prints a result: a table for people, CSV or JSON lines for scripts.</summary>
internal enum QueryFormat
{
    Table,
    Csv,
    Json,
}
