namespace Greenhouse.Catalog;

/// <summary>
/// What <c>get_model</c> answers: the model's summary, its file, its documented columns, and its SQL compiled for
/// this warehouse (what a build runs; null for a seed).
/// </summary>
public sealed record ModelDetail(ModelSummary Model, string Path, IReadOnlyList<ColumnNote> Columns, string? CompiledSql);
