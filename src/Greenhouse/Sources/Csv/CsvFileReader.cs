using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Greenhouse.Sources.Csv;

/// <summary>
/// Reads one CSV file a row at a time (never the whole file): checks the header, the field count of every row and
/// the bytes against the declared encoding, and reports any problem as <c>file line N: …</c>. What exporters write
/// around the data is read as they mean it: a delimiter at the end of every line (the ECB's <c>eurofxref-hist.csv</c>,
/// Excel) is a nameless last column that must stay empty, a line of only spaces is skipped and counted
/// (<see cref="TakeBlankLines"/>), and a header that looks read with the wrong delimiter is a <see cref="HeaderWarning"/>.
/// </summary>
internal sealed partial class CsvFileReader : IDisposable
{
    /// <summary>The separators files are written with: a one-column header holding another of them was read with the wrong one.</summary>
    private static readonly char[] Separators = [',', ';', '|', '\t'];

    private readonly string _path;
    private readonly CsvReader _csv;
    private readonly List<int> _blankLines = [];

    /// <summary>The encoding of the byte-order mark that chose <see cref="Encoding"/>; null when the setting (or the default) did.</summary>
    private readonly string? _markedAs;

    /// <summary>The header line's fields, nameless trailing ones included.</summary>
    private int _width;

    private CsvFileReader(string path, CsvOptions options)
    {
        _path = path;
        var stream = File.OpenRead(path);
        try
        {
            var (marked, length) = ByteOrderMark(stream);
            // A mark chooses the encoding unless the source sets one; either way it is not text.
            Encoding = marked is not null && !options.EncodingIsSet ? marked : options.Encoding;
            _markedAs = marked is not null && !options.EncodingIsSet && marked.CodePage != options.Encoding.CodePage ? Name(marked) : null;
            stream.Position = length;
            _csv = CsvReader.Create(new StreamReader(stream, Encoding, detectEncodingFromByteOrderMarks: false), ReaderOptions(options.Delimiter));
        }
        catch
        {
            stream.Dispose();
            throw;
        }

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

    /// <summary>The encoding the file is read in: the source's, or a byte-order mark's when the source sets none.</summary>
    public Encoding Encoding { get; }

    /// <summary>The named columns (a nameless last column of a trailing delimiter is not one).</summary>
    public IReadOnlyList<string> Header { get; private set; }

    /// <summary>The current row's fields, as many as the header names.</summary>
    public IReadOnlyList<string> Fields { get; private set; }

    /// <summary>The line of the file the current row ends on (1 is the header).</summary>
    public int Line { get; private set; }

    /// <summary>The data rows read so far.</summary>
    public int Rows { get; private set; }

    /// <summary>What the header suggests is wrong with the settings (a one-column header holding another delimiter); null when nothing.</summary>
    public string? HeaderWarning { get; private set; }

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
            reader._width = header.Count;
            // A delimiter ending the line leaves an empty last name: a column rows must leave empty (checked on every row).
            while (header.Count > 1 && header[^1].Length == 0)
            {
                header.RemoveAt(header.Count - 1);
            }

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

            if (!header.Exists(Usable))
            {
                throw new SourceException(
                    $"{reader.FileName} line 1: no column name has a letter or digit without control characters ('{Preview(string.Join(options.Delimiter, header))}'), " +
                    $"read as {reader.ReadAs}. {EncodingAdvice}");
            }

            reader.Header = header;
            if (header is [var only] && Separators.FirstOrDefault(c => c != options.Delimiter && only.Contains(c)) is var other and not '\0')
            {
                reader.HeaderWarning =
                    $"{reader.FileName} line 1: the header is one column named '{Preview(only)}'; if the file is separated by {Shown(other)}, " +
                    $"set the source's delimiter: {Shown(other)} (it is {Shown(options.Delimiter)}).";
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Moves to the next data row, past lines of only spaces; false at the end of the file.</summary>
    public bool Read()
    {
        do
        {
            if (!Next())
            {
                return false;
            }
        }
        while (IsBlank());

        if (Fields.Count < Header.Count)
        {
            throw new SourceException($"{FileName} line {Line}: {Fields.Count} fields where the header has {Header.Count}.");
        }

        if (Fields.Count > Header.Count)
        {
            // Fields past the named columns are accepted only empty: a trailing delimiter, not data without a column.
            for (var i = Header.Count; i < Fields.Count; i++)
            {
                if (Fields[i].Length == 0)
                {
                    continue;
                }

                throw new SourceException(i < _width
                    ? $"{FileName} line {Line}: field {i + 1} holds '{Preview(Fields[i])}', but its column has no name (line 1 ends with a delimiter); " +
                      "name the column in line 1, or remove the value."
                    : $"{FileName} line {Line}: {Fields.Count} fields where the header has {Header.Count}.");
            }

            Fields = [.. Fields.Take(Header.Count)];
        }

        Rows++;
        return true;
    }

    /// <summary>The lines of only spaces skipped since the last call, in order.</summary>
    public IReadOnlyList<int> TakeBlankLines()
    {
        var lines = _blankLines.ToList();
        _blankLines.Clear();
        return lines;
    }

    /// <summary>
    /// The failure for a file that holds data and yields no row (call it when <see cref="Read"/> found none): its bytes
    /// have a line with more than spaces after the first, yet read as <see cref="Encoding"/> it is one header line (an
    /// 8-bit file behind a UTF-16 byte-order mark reads as one line of other characters). Null when the file really
    /// has only a header.
    /// </summary>
    public SourceException? NoRows()
    {
        using var stream = File.OpenRead(_path);
        var line = 1;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '\n')
            {
                line++;
            }
            else if (line > 1 && b is not (0 or ' ' or '\t' or '\r'))
            {
                return new SourceException(
                    $"{FileName}: no row after the header, though the file has more lines; read as {ReadAs}, line 1 is all of it. {EncodingAdvice}");
            }
        }

        return null;
    }

    private string ReadAs => _markedAs is { } marked
        ? $"{marked} (the file starts with a {marked} byte-order mark)"
        : Name(Encoding);

    private static string EncodingAdvice =>
        "If that is not the file's encoding, set the source's encoding: to it (utf-8, utf-16, latin1, ascii); a byte-order mark is then skipped.";

    /// <summary>A line of only spaces and tabs where the header has more than one column (in a one-column file it is a value).</summary>
    private bool IsBlank()
    {
        if (Fields.Count == Header.Count || !Fields.Any(f => f.Length > 0) || !Fields.All(f => f.All(c => c is ' ' or '\t')))
        {
            return false;
        }

        _blankLines.Add(Line);
        return true;
    }

    /// <summary>A column name a table can use: a letter or digit in it, and no control character or replacement character.</summary>
    private static bool Usable(string name) =>
        name.Any(char.IsLetterOrDigit) && !name.Any(c => (char.IsControl(c) && c != '\t') || c == '\uFFFD');

    /// <summary>The start of a text for a message, control characters shown as escapes.</summary>
    private static string Preview(string text)
    {
        var shown = string.Concat(text.Take(60).Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > 60 ? shown + "…" : shown;
    }

    private static string Shown(char delimiter) => delimiter == '\t' ? "tab" : $"'{delimiter}'";

    private static string Name(Encoding encoding) => encoding.WebName.ToUpperInvariant();

    /// <summary>The encoding a byte-order mark at the start of the file names, and its length; (null, 0) without one.</summary>
    private static (Encoding? Encoding, int Length) ByteOrderMark(Stream stream)
    {
        Span<byte> start = stackalloc byte[4];
        var read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        start = start[..read];
        return start switch
        {
            [0xFF, 0xFE, 0, 0] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
            [0, 0, 0xFE, 0xFF] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
            [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
            _ => (null, 0),
        };
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
                $"{FileName} line {line}: not valid {Name(Encoding)}; save the file as {Encoding.WebName} or set the source's encoding: to the file's encoding.",
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
            Encoding.GetString([.. bytes]);
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
