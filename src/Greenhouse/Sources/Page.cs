using System.Text.Json.Nodes;

namespace Greenhouse.Sources;

/// <summary>
/// A page of records and the checkpoint that resumes reading right after it. The engine commits the
/// records and the checkpoint in one transaction. The stream's last page carries <see cref="Cursor"/>,
/// the committed position the next run starts from; earlier pages carry only <see cref="Resume"/>.
/// </summary>
public sealed record Page(IReadOnlyList<SourceRecord> Records, JsonNode? Resume, JsonNode? Cursor = null, bool IsLast = false);
