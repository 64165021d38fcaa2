namespace Greenhouse.Transform.Project;

/// <summary>
/// A generic test as a properties file lists it under a model, column, seed or source table (<c>- unique</c>,
/// <c>- accepted_values: {values: [...]}</c>), kept as written for the test compiler, with its place for errors.
/// </summary>
/// <param name="Definition">The YAML entry as a template value: a name, or a one-key mapping of the name to its arguments.</param>
/// <param name="Location"><c>models/schema.yml:12:11</c>.</param>
public sealed record PropertyTest(object? Definition, string Location);
