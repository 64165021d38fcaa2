using Greenhouse.Config;

namespace Greenhouse.Status;

/// <summary>
/// When a stream counts as late, counted from its last successful sync: past <paramref name="WarnAfter"/> a warning,
/// past <paramref name="ErrorAfter"/> an error. The one freshness notion of the product: greenhouse.yml's
/// <c>max_staleness: 12h</c> is <c>freshness: {warn_after: 12h}</c>, and a dbt project's source
/// <c>freshness: {warn_after: {count: 12, period: hour}}</c> sets the same thing for the stream it names.
/// </summary>
/// <param name="SetIn">Where it was set, for messages: <c>greenhouse.yml sources.stripe.max_staleness</c>, <c>models/sources.yml</c>.</param>
public sealed record FreshnessPolicy(TimeSpan? WarnAfter, TimeSpan? ErrorAfter, string? SetIn = null)
{
    /// <summary>No limits: the stream is never late.</summary>
    public static FreshnessPolicy None { get; } = new(null, null);

    /// <summary>Whether it has a limit at all.</summary>
    public bool IsSet => WarnAfter is not null || ErrorAfter is not null;

    /// <summary>The first limit an ageing stream crosses (null: none).</summary>
    public TimeSpan? FirstLimit => WarnAfter is { } warn && ErrorAfter is { } error ? (warn < error ? warn : error) : WarnAfter ?? ErrorAfter;

    /// <summary>What a stream whose last success was <paramref name="age"/> ago is; null age (never succeeded) is the worst level it has.</summary>
    public FreshnessLevel LevelAt(TimeSpan? age) =>
        ErrorAfter is { } error && (age is null || age > error) ? FreshnessLevel.Error
        : WarnAfter is { } warn && (age is null || age > warn) ? FreshnessLevel.Warn
        : FreshnessLevel.Pass;

    /// <summary>The limit a level is past: <see cref="ErrorAfter"/> for an error, <see cref="WarnAfter"/> for a warning.</summary>
    public TimeSpan? LimitOf(FreshnessLevel level) => level == FreshnessLevel.Error ? ErrorAfter : level == FreshnessLevel.Warn ? WarnAfter : null;

    /// <summary>"warn after 2 h, error after 1 d", as messages say it.</summary>
    public string Describe() => string.Join(", ", new[]
    {
        WarnAfter is { } warn ? $"warn after {Duration.Format(warn)}" : null,
        ErrorAfter is { } error ? $"error after {Duration.Format(error)}" : null,
    }.OfType<string>());
}
