using System.Text.Json.Nodes;

namespace Greenhouse.Sources;

/// <summary>
/// A page of records and the checkpoint that resumes reading right after it. The engine commits the
/// records and the checkpoint in one transaction. The stream's last page carries <see cref="Cursor"/>,
/// the committed position the next run starts from; earlier pages carry only <see cref="Resume"/>.
/// <see cref="Warnings"/> are the stream's own findings about this page (a vendor changed a value it had already
/// published); the engine counts and reports them like conversion warnings.
/// </summary>
public sealed record Page(IReadOnlyList<SourceRecord> Records, JsonNode? Resume, JsonNode? Cursor = null, bool IsLast = false, IReadOnlyList<string>? Warnings = null);
