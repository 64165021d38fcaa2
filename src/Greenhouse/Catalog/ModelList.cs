namespace Greenhouse.Catalog;

/// <summary>What <c>list_models</c> answers: the project's models and seeds, and how to read them.</summary>
public sealed record ModelList(string Project, IReadOnlyList<ModelSummary> Models, string Note);
