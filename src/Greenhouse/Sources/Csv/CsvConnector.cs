using System.Text.RegularExpressions;
using Greenhouse.Config;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Csv;

/// <summary>
/// CSV files in a folder: each <c>*.csv</c> file is a stream named after the file, with a header row, columns typed
/// by inference, and every run a full read of the file (rows gone from it are soft-deleted). See docs/connectors/csv.md.
/// </summary>
public sealed partial class CsvConnector : IConnector
{
    /// <summary>The column the content hash of a row lands in when the source names no <c>primary_key</c>.</summary>
    public const string RowHashKey = "_row_hash";

    public string Type => "csv";

    /// <summary>Files have no URL; the engine's HTTP client for this source is never used.</summary>
    public Uri DefaultBaseUrl { get; } = new("file:///");

    public double DefaultRequestsPerSecond => 1000;

    public IReadOnlyList<ConnectorSetting> Settings { get; } =
    [
        new("path", Required: true, Description: "the folder holding the .csv files (relative to the config file)", IsPath: true),
        new("delimiter", Description: "the field separator: , (default), ;, | or tab"),
        new("encoding", Description: "the files' text encoding: utf-8 (default), utf-16, latin1, ascii"),
        new("primary_key", Description: "the column that identifies a row in every file; without it a row's key is the hash of its content"),
    ];

    /// <summary>Empty: a CSV source's streams are the files in its folder (<see cref="StreamsFor"/>).</summary>
    public IReadOnlyList<StreamSpec> Catalog { get; } = [];

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotIdentifier();

    /// <summary>One stream per file, by name and key; the typed columns are inferred in <see cref="CreateStreams"/>.</summary>
    public IReadOnlyList<StreamSpec> StreamsFor(SourceConfig config)
    {
        var options = CsvOptions.From(config);
        return [.. Files(options).Select(f => Spec(options, f.Name, []))];
    }

    public IReadOnlyList<ISourceStream> CreateStreams(SourceConfig config, VendorHttpClient http)
    {
        var options = CsvOptions.From(config);
        return [.. Files(options).Select(f => (ISourceStream)CsvFileStream.Create(options, f.Path, f.Name))];
    }

    internal static StreamDescriptor Describe(CsvOptions options, string name, IReadOnlyList<ColumnSpec> columns) =>
        new(options.Source, Spec(options, name, columns));

    /// <summary>A file's stream: read whole every run, so it has no cursor; what it holds is the user's to say.</summary>
    private static StreamSpec Spec(CsvOptions options, string name, IReadOnlyList<ColumnSpec> columns) =>
        new(name, options.KeyOf(name) ?? RowHashKey, columns, Cursor: null, Description: null);

    /// <summary>A header's name as a typed column, or null when it cannot be one (the raw JSON still keeps it).</summary>
    internal static string? ColumnName(string header)
    {
        var name = NotIdentifier().Replace(header.Trim().ToLowerInvariant(), "_").Trim('_');
        return name.Length is 0 or > 63 || header.Contains('.', StringComparison.Ordinal) || name == StreamDescriptor.KeyColumn
            ? null
            : char.IsAsciiDigit(name[0]) ? "c_" + name : name;
    }

    /// <summary>The folder's <c>*.csv</c> files in name order, each with its stream name (the file name as a lower-case identifier).</summary>
    private static List<(string Path, string Name)> Files(CsvOptions options)
    {
        if (!Directory.Exists(options.Folder))
        {
            throw new SourceException(
                $"sources.{options.Source}.path: the folder {options.Folder} does not exist; create it, or point path: at the folder holding the .csv files (a relative path is read from the config file's folder).");
        }

        var files = Directory.EnumerateFiles(options.Folder, "*.csv", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Name: StreamName(path)))
            .ToList();
        foreach (var clash in files.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            throw new SourceException(
                $"sources.{options.Source}.path: {string.Join(" and ", clash.Select(f => Path.GetFileName(f.Path)))} would both be stream '{clash.Key}'; rename one.");
        }

        return files;
    }

    private static string StreamName(string path)
    {
        var name = NotIdentifier().Replace(Path.GetFileNameWithoutExtension(path).ToLowerInvariant(), "_").Trim('_');
        return name.Length == 0 ? "file" : char.IsAsciiDigit(name[0]) ? "f_" + name : name;
    }
}
