using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Greenhouse.Sources.Csv;

/// <summary>
/// Reads one CSV file a row at a time (never the whole file): checks the header, the field count of every row and
/// the bytes against the declared encoding, and reports any problem as <c>file line N: …</c>.
/// </summary>
internal sealed partial class CsvFileReader : IDisposable
{
    private readonly string _path;
    private readonly CsvOptions _options;
    private readonly CsvReader _csv;

    private CsvFileReader(string path, CsvOptions options)
    {
        _path = path;
        _options = options;
        var text = new StreamReader(path, options.Encoding, detectEncodingFromByteOrderMarks: true);
        _csv = CsvReader.Create(text, ReaderOptions(options.Delimiter));
        Header = [];
        Fields = [];
    }

    public string FileName => Path.GetFileName(_path);

    /// <summary>
    /// How Greenhouse reads any CSV file (this source's, a transform's seeds): every row as fields, the header too,
    /// nothing trimmed, line numbers kept for errors, broken quoting an error, a row's field count checked by the caller.
    /// </summary>
    internal static CsvReaderOptions ReaderOptions(char delimiter) => new()
    {
        Separator = delimiter,
        HasHeader = false,
        TrackLineNumbers = true,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public IReadOnlyList<string> Header { get; private set; }

    /// <summary>The current row's fields, as many as the header names.</summary>
    public IReadOnlyList<string> Fields { get; private set; }

    /// <summary>The line of the file the current row ends on (1 is the header).</summary>
    public int Line { get; private set; }

    [GeneratedRegex(@"^-?\d+([.,]\d+)?$|^\d{4}-\d{2}-\d{2}")]
    private static partial Regex LooksLikeValue();

    /// <summary>Opens the file and reads its header row.</summary>
    public static CsvFileReader Open(string path, CsvOptions options)
    {
        var reader = new CsvFileReader(path, options);
        try
        {
            if (!reader.Next())
            {
                throw new SourceException($"{reader.FileName}: the file is empty; line 1 must be a header row naming the columns.");
            }

            var header = reader.Fields.Select(f => f.Trim()).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in header)
            {
                if (name.Length == 0)
                {
                    throw new SourceException($"{reader.FileName} line 1: a column has no name; line 1 must be a header row naming every column.");
                }

                if (LooksLikeValue().IsMatch(name))
                {
                    throw new SourceException($"{reader.FileName} line 1: '{name}' looks like a value, not a column name; the file has no header row (line 1 must name the columns).");
                }

                if (!seen.Add(name))
                {
                    throw new SourceException($"{reader.FileName} line 1: the header names column '{name}' twice.");
                }
            }

            reader.Header = header;
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next data row; false at the end of the file.</summary>
    public bool Read()
    {
        if (!Next())
        {
            return false;
        }

        if (Fields.Count != Header.Count)
        {
            throw new SourceException($"{FileName} line {Line}: {Fields.Count} fields where the header has {Header.Count}.");
        }

        return true;
    }

    private bool Next()
    {
        try
        {
            if (!_csv.Read())
            {
                return false;
            }

            Line = (int)_csv.LineNumber;
            var fields = new string[_csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = _csv.GetString(i) ?? "";
            }

            Fields = fields;
            return true;
        }
        catch (Exception e) when (Find<DecoderFallbackException>(e) is not null)
        {
            var line = InvalidLine();
            throw new SourceException(
                $"{FileName} line {line}: not valid {_options.Encoding.WebName.ToUpperInvariant()}; save the file as {_options.Encoding.WebName} or set the source's encoding: to the file's encoding.",
                e);
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber > 0 ? e.LineNumber : Line + 1;
            throw new SourceException($"{FileName} line {line}: not readable as CSV ({e.Message}); check the quoting on that line.", e);
        }
    }

    /// <summary>The first line whose bytes the encoding rejects, found by decoding the file line by line.</summary>
    private int InvalidLine()
    {
        using var stream = File.OpenRead(_path);
        var line = new List<byte>();
        var number = 1;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '\n')
            {
                if (!Decodes(line))
                {
                    return number;
                }

                line.Clear();
                number++;
            }
            else
            {
                line.Add((byte)b);
            }
        }

        return number;
    }

    private bool Decodes(List<byte> bytes)
    {
        try
        {
            _options.Encoding.GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static T? Find<T>(Exception? e)
        where T : Exception =>
        e switch
        {
            null => null,
            T match => match,
            _ => Find<T>(e.InnerException),
        };

    public void Dispose()
    {
        _csv.Dispose();
    }
}
