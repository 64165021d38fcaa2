using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Greenhouse.Sources.Csv;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Materializations;

/// <summary>
/// A seed's CSV file, read whole (seeds are small, as in dbt): the header's columns, the rows as text with <c>""</c>
/// and <c>null</c> read as NULL (dbt's null values), and the SHA-256 of the file's bytes.
/// </summary>
internal sealed partial class SeedTable
{
    private SeedTable(IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows, string sha256)
    {
        Columns = columns;
        Rows = rows;
        Sha256 = sha256;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<string?[]> Rows { get; }

    public string Sha256 { get; }

    [GeneratedRegex(@"^[+-]?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(\.[0-9]*)?[eE][+-]?[0-9]+)$")]
    private static partial Regex NumericText();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DateText();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$")]
    private static partial Regex TimestampText();

    public static SeedTable Read(SeedFile seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(seed.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TransformException($"{seed.Path}: the seed file cannot be read ({e.Message}).", e);
        }

        using var text = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(text, CsvFileReader.ReaderOptions(seed.Delimiter));
        var header = Next(csv, seed)?.Select(name => name.Trim()).ToArray()
            ?? throw new TransformException($"{seed.Path}: the file is empty; line 1 must be a header row naming the columns.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in header)
        {
            if (name.Length == 0)
            {
                throw new TransformException($"{seed.Path} line 1: a column has no name; line 1 must be a header row naming every column.");
            }

            if (!names.Add(name))
            {
                throw new TransformException($"{seed.Path} line 1: the header names column '{name}' twice.");
            }
        }

        var rows = new List<string?[]>();
        while (Next(csv, seed) is { } fields)
        {
            if (fields.Length != header.Length)
            {
                throw new TransformException($"{seed.Path} line {csv.LineNumber}: {fields.Length} fields where the header has {header.Length}.");
            }

            rows.Add([.. fields.Select(f => f.Length == 0 || f.Equals("null", StringComparison.OrdinalIgnoreCase) ? null : f)]);
        }

        return new SeedTable(header, rows, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// Each column's SQL type: the seed's <c>column_types</c> where it names the column, else inferred as dbt does
    /// (integer, else numeric, else date, else timestamp, else boolean, else text; a column with no values is integer).
    /// </summary>
    public IReadOnlyList<RelationColumn> Types(SeedFile seed, WarehouseDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(dialect);
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, type) in seed.ColumnTypes)
        {
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new TransformException($"{seed.Path}: column_types names '{name}', which is not a column of the file (its columns: {string.Join(", ", Columns)}).");
            }

            if (!given.TryAdd(name, type))
            {
                throw new TransformException($"{seed.Path}: column_types names column '{name}' twice.");
            }
        }

        return [.. Columns.Select((name, i) => new RelationColumn(name, given.TryGetValue(name, out var type) && type.Trim().Length > 0
            ? type.Trim()
            : dialect.SeedType(Infer(Rows.Select(r => r[i])))))];
    }

    private static SeedColumnType Infer(IEnumerable<string?> values)
    {
        var fits = Candidates.All;
        var wide = false;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            var trimmed = value.Trim();
            var integer = IntegerText().IsMatch(trimmed);
            wide |= integer && !int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            fits &= (integer && long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? Candidates.Integer : 0)
                | (integer || NumericText().IsMatch(trimmed) ? Candidates.Numeric : 0)
                | (DateText().IsMatch(trimmed) && DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? Candidates.Date : 0)
                | (TimestampText().IsMatch(trimmed) && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? Candidates.Timestamp : 0)
                | (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase) ? Candidates.Boolean : 0);
            if (fits == 0)
            {
                return SeedColumnType.Text;
            }
        }

        return fits.HasFlag(Candidates.Integer) ? (wide ? SeedColumnType.BigInteger : SeedColumnType.Integer)
            : fits.HasFlag(Candidates.Numeric) ? SeedColumnType.Numeric
            : fits.HasFlag(Candidates.Date) ? SeedColumnType.Date
            : fits.HasFlag(Candidates.Timestamp) ? SeedColumnType.Timestamp
            : SeedColumnType.Boolean;
    }

    private static string[]? Next(CsvReader csv, SeedFile seed)
    {
        try
        {
            if (!csv.Read())
            {
                return null;
            }

            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i) ?? "";
            }

            return fields;
        }
        catch (CsvFormatException e)
        {
            throw new TransformException($"{seed.Path} line {(e.LineNumber > 0 ? e.LineNumber : csv.LineNumber + 1)}: not readable as CSV ({e.Message}); check the quoting on that line.", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new TransformException($"{seed.Path}: not valid UTF-8; save the seed as UTF-8.", e);
        }
    }

    [Flags]
    private enum Candidates
    {
        Integer = 1,
        Numeric = 2,
        Date = 4,
        Timestamp = 8,
        Boolean = 16,
        All = Integer | Numeric | Date | Timestamp | Boolean,
    }
}
