using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Csv;

/// <summary>
/// One CSV file as a stream. Every run checks the whole file first (header, field counts, a nameless trailing column
/// left empty, encoding, duplicate keys, rows found where the file has lines), so a broken file commits nothing; then it reads it again, a page per <see cref="PageSize"/> rows, each page's
/// checkpoint naming the file's length, modification time and the rows read, so an interrupted run resumes.
/// </summary>
internal sealed class CsvFileStream : ISourceStream
{
    public const int PageSize = 1000;

    /// <summary>How many rows the typed columns are inferred from.</summary>
    public const int SampleRows = 1000;

    private readonly CsvOptions _options;
    private readonly string _path;
    private readonly string? _key;
    private readonly SourceException? _problem;

    private CsvFileStream(CsvOptions options, string path, StreamDescriptor descriptor, SourceException? problem)
    {
        _options = options;
        _path = path;
        _key = options.KeyOf(descriptor.Name);
        Descriptor = descriptor;
        _problem = problem;
    }

    public StreamDescriptor Descriptor { get; }

    public bool AlwaysFullRefresh => true;

    private string FileName => Path.GetFileName(_path);

    /// <summary>Reads the header and a sample of rows for the typed columns; a file that cannot be read fails only its own run.</summary>
    public static CsvFileStream Create(CsvOptions options, string path, string name)
    {
        try
        {
            using var reader = CsvFileReader.Open(path, options);
            var types = CsvTypes.Infer(reader, SampleRows);
            // A file misread as one header line has no columns worth checking: say why it has no rows instead.
            if (reader.Rows == 0 && reader.NoRows() is { } noRows)
            {
                throw noRows;
            }

            var declared = options.ColumnsOf(name);
            if (declared.Keys.FirstOrDefault(c => !reader.Header.Contains(c)) is { } missing)
            {
                throw new SourceException(
                    $"{reader.FileName} line 1: no column '{missing}' (declared in sources.{options.Source}.streams.{name}.columns); columns: {string.Join(", ", reader.Header)}.");
            }

            var columns = new List<ColumnSpec>();
            for (var i = 0; i < reader.Header.Count; i++)
            {
                if (CsvConnector.ColumnName(reader.Header[i]) is { } column && columns.TrueForAll(c => c.Name != column))
                {
                    columns.Add(new ColumnSpec(column, declared.GetValueOrDefault(reader.Header[i], types[i]), reader.Header[i]));
                }
            }

            if (options.KeyOf(name) is { } key && !reader.Header.Contains(key))
            {
                throw new SourceException(
                    $"{reader.FileName} line 1: no column '{key}' (the primary_key of {options.Source}.{name}); columns: {string.Join(", ", reader.Header)}.");
            }

            return new CsvFileStream(options, path, CsvConnector.Describe(options, name, columns), null);
        }
        catch (SourceException e)
        {
            // Sampling stops at the first problem; the run reports it for this file (the full check finds the same one).
            return new CsvFileStream(options, path, CsvConnector.Describe(options, name, []), e);
        }
    }

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var stamp = Stamp();
        Check(cancellationToken);

        var skip = context.Resume is JsonObject resume && SameFile(resume, stamp) ? (int?)resume["row"] ?? 0 : 0;
        using var reader = CsvFileReader.Open(_path, _options);
        var records = new List<SourceRecord>(PageSize);
        var row = 0;
        // The header's warning goes with the first page; a skipped blank line with the page it was read for.
        List<string> warnings = reader.HeaderWarning is { } header ? [header] : [];
        while (reader.Read())
        {
            if (++row <= skip)
            {
                // Reported by the run that committed these rows.
                reader.TakeBlankLines();
                continue;
            }

            records.Add(new SourceRecord(Payload(reader), context.Now));
            if (records.Count == PageSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new Page(records, Checkpoint(stamp, row), Warnings: Warnings(reader, warnings));
                records = new List<SourceRecord>(PageSize);
                warnings = [];
            }
        }

        if (Stamp() != stamp)
        {
            throw new SourceException($"{FileName}: the file changed while it was being read; the next run reads it again.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        yield return new Page(records, null, Checkpoint(stamp, row), IsLast: true, Warnings: Warnings(reader, warnings));
    }

    private static List<string> Warnings(CsvFileReader reader, List<string> warnings)
    {
        warnings.AddRange(reader.TakeBlankLines().Select(line => $"{reader.FileName} line {line}: only spaces; skipped the line."));
        return warnings;
    }

    /// <summary>Reads the whole file once, so a problem anywhere in it fails the run before any of it commits.</summary>
    private void Check(CancellationToken cancellationToken)
    {
        if (_problem is not null)
        {
            throw _problem;
        }

        using var reader = CsvFileReader.Open(_path, _options);
        var keyIndex = _key is { } key ? reader.Header.ToList().IndexOf(key) : -1;
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if ((reader.Rows & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (keyIndex < 0)
            {
                continue;
            }

            var value = reader.Fields[keyIndex];
            if (value.Length == 0)
            {
                throw new SourceException($"{reader.FileName} line {reader.Line}: the primary key '{_key}' is empty.");
            }

            if (!lines.TryAdd(value, reader.Line))
            {
                throw new SourceException(
                    $"{reader.FileName} line {reader.Line}: primary key '{_key}' = {value} is already on line {lines[value]}; a key must identify one row.");
            }
        }

        if (reader.Rows == 0 && reader.NoRows() is { } noRows)
        {
            throw noRows;
        }
    }

    /// <summary>The row as a JSON object of the original strings (an empty field is null), plus its content hash when keys are hashes.</summary>
    private JsonElement Payload(CsvFileReader reader)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < reader.Header.Count; i++)
            {
                if (reader.Fields[i].Length == 0)
                {
                    json.WriteNull(reader.Header[i]);
                }
                else
                {
                    json.WriteString(reader.Header[i], reader.Fields[i]);
                }
            }

            if (_key is null)
            {
                json.WriteString(CsvConnector.RowHashKey, RowHash(reader.Fields));
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static string RowHash(IReadOnlyList<string> fields)
    {
        var text = JsonSerializer.Serialize(fields, CsvJsonContext.Default.IReadOnlyListString);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private (long Length, DateTime Modified) Stamp()
    {
        var file = new FileInfo(_path);
        return file.Exists
            ? (file.Length, file.LastWriteTimeUtc)
            : throw new SourceException($"{FileName}: the file was removed from {_options.Folder} while the run started.");
    }

    private static bool SameFile(JsonObject checkpoint, (long Length, DateTime Modified) stamp) =>
        (long?)checkpoint["file_length"] == stamp.Length && (string?)checkpoint["file_modified"] == stamp.Modified.ToString("O");

    private static JsonObject Checkpoint((long Length, DateTime Modified) stamp, int row) => new()
    {
        ["file_length"] = stamp.Length,
        ["file_modified"] = stamp.Modified.ToString("O"),
        ["row"] = row,
    };
}
