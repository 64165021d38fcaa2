namespace Greenhouse.Catalog;

/// <summary>What <c>list_models</c> answers: the project's models and seeds, the source tables they read, and how to read them.</summary>
public sealed record ModelList(string Project, IReadOnlyList<ModelSummary> Models, IReadOnlyList<ModelSource> Sources, string Note);
