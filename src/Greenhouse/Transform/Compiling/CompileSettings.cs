using Greenhouse.Sources;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>What a project is compiled for: the target, the landed streams <c>source()</c> resolves to, and the run's inputs.</summary>
public sealed record CompileSettings
{
    /// <summary><c>target.name</c>: <c>--target</c>, else <c>GREENHOUSE_TARGET</c>, else <c>dev</c>.</summary>
    public string TargetName { get; init; } = "dev";

    /// <summary><c>target.schema</c>: the schema models are built in unless they set <c>+schema</c>.</summary>
    public string TargetSchema { get; init; } = DefaultSchema;

    /// <summary>The schema landed streams are in (<c>greenhouse.yml</c>'s <c>schema</c>).</summary>
    public string RawSchema { get; init; } = "raw";

    /// <summary>The enabled streams of the configured sources: what an undeclared <c>source()</c> resolves to.</summary>
    public IReadOnlyList<StreamDescriptor> Streams { get; init; } = [];

    /// <summary><c>--vars</c>: override the project's <c>vars:</c>.</summary>
    public TemplateDictionary Vars { get; init; } = new();

    /// <summary>Where <c>env_var()</c> reads.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary><c>run_started_at</c>.</summary>
    public DateTimeOffset RunStartedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary><c>target.threads</c>.</summary>
    public int Threads { get; init; } = 4;

    /// <summary><c>flags.WHICH</c>: the command that renders (<c>run</c>, <c>build</c>, <c>compile</c>, <c>seed</c>, <c>test</c>, <c>ls</c>).</summary>
    public string Command { get; init; } = "run";

    /// <summary><c>flags.FULL_REFRESH</c>: <c>--full-refresh</c> was given.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>Where <c>log()</c> and <c>exceptions.warn()</c> go.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>The schema models go to by default: modelled data lives apart from the raw schema.</summary>
    public const string DefaultSchema = "analytics";
}
