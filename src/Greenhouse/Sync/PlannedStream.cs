using Greenhouse.Config;
using Greenhouse.Sources;

namespace Greenhouse.Sync;

/// <summary>A stream to run, with the settings of the source it belongs to.</summary>
public sealed record PlannedStream(ISourceStream Stream, SourceConfig Source);
