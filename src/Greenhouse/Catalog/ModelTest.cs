namespace Greenhouse.Catalog;

/// <summary>A data test on a model or seed, and how it last ended (null: never run).</summary>
/// <param name="Test">The generic test's name (<c>not_null</c>, <c>relationships</c>), or null for a singular test.</param>
/// <param name="Severity"><c>error</c> or <c>warn</c>, as configured.</param>
public sealed record ModelTest(string UniqueId, string Name, string? Test, string? Column, string Severity, ModelBuild? LastRun);
