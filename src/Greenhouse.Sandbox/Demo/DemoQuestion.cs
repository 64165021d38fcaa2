namespace Greenhouse.Sandbox.Demo;

/// <summary>A business question and the SQL that answers it from the landed data.</summary>
public sealed record DemoQuestion(string Title, string Sql);
