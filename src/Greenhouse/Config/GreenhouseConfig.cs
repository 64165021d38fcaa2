using Greenhouse.Warehouse;
using Greenhouse.Sources;

namespace Greenhouse.Config;

/// <summary>A loaded, validated <c>greenhouse.yml</c>.</summary>
/// <param name="Warehouse">The warehouse: a SQLite file (its path absolute) or a PostgreSQL connection.</param>
/// <param name="Schema">The schema landed data lives in (PostgreSQL); the table prefix in SQLite.</param>
public sealed record GreenhouseConfig(
    string Path,
    WarehouseSetting Warehouse,
    string Schema,
    WhenRunning WhenRunning,
    IReadOnlyList<SourceConfig> Sources)
{
    /// <summary>The connectors the config was loaded with; every source's type is one of them.</summary>
    public required ConnectorRegistry Connectors { get; init; }

    public IReadOnlyList<NotificationChannelConfig> Notifications { get; init; } = [];

    /// <summary>A stream that keeps failing is reminded about at most this often.</summary>
    public TimeSpan RemindEvery { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How many streams a sync runs at once.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Webhook bodies larger than this are refused with 413.</summary>
    public long WebhookMaxBytes { get; init; } = 1024 * 1024;

    /// <summary><c>transform:</c>: the dbt project Greenhouse builds after syncs; null when there is none.</summary>
    public Transform.TransformConfig? Transform { get; init; }

    /// <summary>
    /// <c>checks:</c>: the folder of <c>checks/*.yml</c> files, absolute; null when not set, and then <c>checks/</c>
    /// beside greenhouse.yml is read when it exists (see <see cref="Checks.CheckLoader"/>).
    /// </summary>
    public string? ChecksPath { get; init; }

    /// <summary><c>customers: identity:</c>: the model whose rows are the people in the customer 360; null: the project's <c>dim_customers</c>.</summary>
    public string? CustomerIdentity { get; init; }

    /// <summary><c>ui.oidc:</c>: logging in to the web UI through an OpenID Connect provider; null when not set.</summary>
    public Access.OidcConfig? Oidc { get; init; }

    /// <summary>What is allowed but unwise, each as <c>file:line:col: key: problem</c> (a literal password in <c>warehouse:</c>); the CLI prints them on stderr.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public SourceConfig Source(string name) => Sources.First(s => s.Name == name);

    /// <summary>
    /// Reads every credential the config references (each source's, its webhook secret, the notification channels', ui.oidc's client secret):
    /// what <c>serve</c> uses, so a variable that is not set stops it at start, naming file, key and variable. Commands
    /// that only read the warehouse never call it; a sync reads only what it sends (<see cref="SourceConfig.ResolveCredentials"/>).
    /// </summary>
    public void ResolveCredentials()
    {
        foreach (var source in Sources)
        {
            source.ResolveCredentials();
            source.WebhookSecret?.Resolve();
        }

        foreach (var channel in Notifications)
        {
            channel.ResolveCredentials();
        }

        Oidc?.ClientSecret.Resolve();
    }
}
