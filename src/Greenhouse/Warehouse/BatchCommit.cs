using System.Text.Json.Nodes;
using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>
/// Everything one checkpoint commits in a single transaction: the page's rows, the stream state that
/// resumes after them, and the counters added to the stream run.
/// </summary>
/// <param name="State">The stream's whole state after this batch (replaces the stored value for <paramref name="Partition"/>).</param>
/// <param name="TrackSeen">A full refresh is running: remember the ids of <paramref name="Rows"/> as seen.</param>
/// <param name="StartFullRefresh">First batch of a fresh full refresh: forget ids seen by any earlier, abandoned one.</param>
/// <param name="FinishFullRefresh">Last batch of a full refresh: soft-delete rows not seen, then forget the seen ids.</param>
public sealed record BatchCommit(
    StreamDescriptor Stream,
    long RunId,
    IReadOnlyList<RecordRow> Rows,
    string Partition,
    JsonObject State,
    bool TrackSeen,
    bool StartFullRefresh,
    bool FinishFullRefresh,
    int Pages,
    int Warnings,
    DateTimeOffset Now);
