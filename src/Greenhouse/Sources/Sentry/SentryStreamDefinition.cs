namespace Greenhouse.Sources.Sentry;

/// <summary>
/// One Sentry list endpoint as a stream: its path under the organization, fixed query parameters and typed columns.
/// <paramref name="Windowed"/> streams (issues) are filtered by a <c>start</c>/<c>end</c> window and read incrementally;
/// the others are small and listed whole on every run.
/// </summary>
internal sealed record SentryStreamDefinition(string Name, string Description, string Path, string Query, IReadOnlyList<ColumnSpec> Columns, bool Windowed = false)
{
    /// <summary>A windowed stream (issues) follows <c>lastSeen</c>; the others are listed whole every run.</summary>
    public StreamSpec Spec { get; } = new(Name, "id", Columns, Windowed ? "lastSeen" : null, Description);

    public StreamDescriptor Descriptor(string source) => new(source, Spec);
}
