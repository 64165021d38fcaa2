using System.Globalization;

namespace Greenhouse.Transform.Project;

/// <summary>
/// One entry of a model's <c>versions:</c> in a properties file (dbt 1.5's model versions): its <c>v</c>, the file it
/// is defined in, and the properties the version has once the model's are applied to it (its columns as
/// <c>include</c>/<c>exclude</c> select them, its tests or else the model's, its <c>config:</c> after the model's).
/// </summary>
/// <param name="Version">The version as text (<c>2</c>, <c>1.5</c>, <c>beta</c>); <c>v: 2</c> and <c>v: '2'</c> are the same version.</param>
/// <param name="Location">Where the entry is written (<c>models/schema.yml:12:9</c>), for problems.</param>
public sealed record ModelVersion(string Version, string Location)
{
    /// <summary><c>defined_in:</c>, the file name without <c>.sql</c>; null for dbt's default, <c>&lt;model&gt;_v&lt;v&gt;</c>.</summary>
    public string? DefinedIn { get; init; }

    /// <summary>The version's properties: the model's name, description, columns, tests and config with the version's own applied.</summary>
    public required NodeProperties Properties { get; init; }

    /// <summary>The version as dbt's <c>model.version</c> gives it: a number when it is one, else the text.</summary>
    public object Value => ValueOf(Version);

    /// <summary>A version's text as a template value: a whole number, a number, or the text.</summary>
    public static object ValueOf(string version) => long.TryParse(version, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
        ? whole
        : double.TryParse(version, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : version;

    /// <summary>
    /// dbt's <c>UnparsedVersion</c> order: numerically when both are numbers, else as text. Negative when
    /// <paramref name="left"/> comes before <paramref name="right"/>.
    /// </summary>
    public static int Compare(string left, string right) =>
        double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : string.CompareOrdinal(left, right);
}
