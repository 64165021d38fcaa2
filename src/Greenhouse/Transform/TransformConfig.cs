namespace Greenhouse.Transform;

/// <summary>
/// <c>transform:</c> in greenhouse.yml: the dbt project folder (relative to the config), and optionally a cron of its
/// own and the default target. <c>serve</c> also builds the models downstream of what each scheduled sync changed.
/// </summary>
/// <param name="ProjectPath">The project's folder, absolute.</param>
/// <param name="Schedule">A cron of its own (a full build), or null.</param>
/// <param name="Target">The default <c>target.name</c> (else <c>GREENHOUSE_TARGET</c>, else <c>dev</c>).</param>
/// <param name="Schema"><c>target.schema</c>: where models go unless they set <c>+schema</c> (PostgreSQL schema; SQLite table prefix).</param>
public sealed record TransformConfig(string ProjectPath, string? Schedule, string? Target, string Schema = Compiling.CompileSettings.DefaultSchema)
{
    /// <summary><c>--target</c>, else this config's <c>target</c>, else <c>GREENHOUSE_TARGET</c>, else <c>dev</c>.</summary>
    public string TargetName(string? option, Func<string, string?> environment) =>
        option ?? Target ?? (environment(TargetVariable) is { Length: > 0 } name ? name : "dev");

    public const string TargetVariable = "GREENHOUSE_TARGET";
}
