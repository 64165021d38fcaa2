namespace Greenhouse.Checks;

/// <summary>How much a failing check matters: <c>warn</c> tells the channels that take warnings, <c>error</c> those that take errors and fails <c>greenhouse check run</c>.</summary>
public enum CheckSeverity
{
    Warn,
    Error,
}
