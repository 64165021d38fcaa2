using System.Text.Json.Serialization;

namespace Greenhouse.Sources.Csv;

/// <summary>Our own JSON for CSV rows: the field list a row's content hash is taken of.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CsvJsonContext : JsonSerializerContext;
