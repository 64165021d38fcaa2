using System.Text;
using Greenhouse.Config;

namespace Greenhouse.Sources.Csv;

/// <summary>How a CSV source reads its folder: the settings of its <see cref="SourceConfig"/>, checked.</summary>
internal sealed record CsvOptions(string Source, string Folder, char Delimiter, Encoding Encoding, string? PrimaryKey)
{
    /// <summary>Per-file declarations from the <c>streams:</c> mapping, by stream name.</summary>
    public IReadOnlyDictionary<string, StreamSettings> Streams { get; init; } = new Dictionary<string, StreamSettings>();

    /// <summary>
    /// Whether the source sets <c>encoding:</c>. Without it a byte-order mark picks the encoding (a UTF-16 export reads
    /// without a setting); with it the setting wins and a byte-order mark at the start is skipped, not read as text.
    /// </summary>
    public bool EncodingIsSet { get; init; }

    /// <summary>The stream's own <c>primary_key</c>, else the source's; null when rows are keyed by their content's hash.</summary>
    public string? KeyOf(string stream) => Streams.TryGetValue(stream, out var own) && own.PrimaryKey is { Length: > 0 } key ? key : PrimaryKey;

    /// <summary>The column types declared for the stream, by header name; inference types the rest.</summary>
    public IReadOnlyDictionary<string, ColumnType> ColumnsOf(string stream) =>
        Streams.TryGetValue(stream, out var own) && own.Columns is { } columns ? columns : new Dictionary<string, ColumnType>();

    public static CsvOptions From(SourceConfig config)
    {
        var prefix = $"sources.{config.Name}";
        var folder = config.Setting("path") ?? throw new SourceException($"{prefix}.path: required for a source of type 'csv'.");
        var delimiter = config.Setting("delimiter") switch
        {
            null or "" => ',',
            "tab" or "\\t" => '\t',
            [var one] when char.IsAscii(one) && !char.IsLetterOrDigit(one) && one != '"' => one,
            var other => throw new SourceException($"{prefix}.delimiter: '{other}' is not one character such as , ; | or tab."),
        };
        return new CsvOptions(config.Name, folder, delimiter, StrictEncoding(config.Setting("encoding") ?? "utf-8", $"{prefix}.encoding"), config.Setting("primary_key") is { Length: > 0 } key ? key : null)
        {
            Streams = config.StreamSettings,
            EncodingIsSet = config.Setting("encoding") is not null,
        };
    }

    /// <summary>Decoding that throws on invalid bytes instead of inventing U+FFFD.</summary>
    private static Encoding StrictEncoding(string name, string key)
    {
        try
        {
            var encoding = Encoding.GetEncoding(name);
            return encoding.CodePage == Encoding.UTF8.CodePage
                ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                : Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            throw new SourceException($"{key}: '{name}' is not a known encoding; write e.g. utf-8, utf-16, latin1 or ascii.");
        }
    }
}
