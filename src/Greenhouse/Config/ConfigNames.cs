using System.Text.RegularExpressions;
using Greenhouse.Sources;

namespace Greenhouse.Config;

/// <summary>The names greenhouse.yml may use: plain identifiers (sources, streams, the schema) and column types.</summary>
internal static partial class ConfigNames
{
    /// <summary>A declared column's type by its name in config: <c>text</c>, <c>integer</c>, <c>decimal</c>, <c>boolean</c>, <c>timestamp</c>.</summary>
    public static readonly IReadOnlyDictionary<string, ColumnType> ColumnTypes =
        Enum.GetValues<ColumnType>().ToDictionary(t => t.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>A plain lower-case identifier: letters, digits, underscores, starting with a letter.</summary>
    public static bool IsIdentifier(string name) => Identifier().IsMatch(name);

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();
}
