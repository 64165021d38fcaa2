namespace Greenhouse.Sources.Rest;

/// <summary>How a REST stream's incremental cursor is written in its query parameter.</summary>
public enum RestCursorFormat
{
    /// <summary><c>2026-01-31T12:00:00Z</c>.</summary>
    Iso8601,
    /// <summary>Unix seconds.</summary>
    Unix,
}
