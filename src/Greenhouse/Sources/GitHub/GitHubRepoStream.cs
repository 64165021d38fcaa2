using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenhouse.Sources.Http.Paging;

namespace Greenhouse.Sources.GitHub;

/// <summary>
/// Reads one per-repository endpoint for every repository of the source, following <c>rel="next"</c> links.
/// The cursor keeps, per repository, the newest <c>updated_at</c> seen and the first page's ETag: an incremental
/// run asks from that time minus the lookback and sends the ETag, so an unchanged repository costs one free 304.
/// A repository without an entry (newly configured) is backfilled from the beginning, alone.
/// </summary>
internal sealed class GitHubRepoStream(string source, GitHubStreamDefinition definition, GitHubApi api, GitHubRepositoryList repositories) : ISourceStream
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ssZ";

    public StreamDescriptor Descriptor { get; } = definition.Descriptor(source);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = Descriptor.FullName;
        var progress = context.Resume is JsonObject resume ? GitHubProgress.From(resume) : GitHubProgress.Start(context.Cursor);
        var incremental = context.Mode == SyncMode.Incremental;
        var resolved = await repositories.ResolveAsync(stream, cancellationToken);
        // Said once, on the stream's first page; null after.
        IReadOnlyList<string>? warnings = repositories.TakeWarnings();
        foreach (var repository in resolved)
        {
            var repo = repository.FullName;
            if (progress.Done.Contains(repo, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            // A renamed repository keeps the cursor its old name had.
            var former = repository.ConfiguredAs is { } configured && configured != repo ? configured : null;
            var entry = progress.Repos[repo] as JsonObject ?? (former is null ? null : progress.Repos[former] as JsonObject);
            var known = incremental && entry is not null;
            // Pulls have no since: an incremental run reads newest first down to this instant.
            DateTimeOffset? from = context.Since ?? (known && Time(entry!["since"]) is { } since ? since - context.Lookback : null);
            var resuming = progress.Repo == repo && progress.Next is not null;
            var url = resuming ? progress.Next! : definition.FirstPage(repo, definition.Listing == GitHubListing.SinceAscending ? Format(from) : null);
            var etag = !resuming && known ? (string?)entry!["etag"] : null;
            var (max, firstEtag) = resuming ? (progress.Max, progress.ETag) : (null, null);
            var what = $"repository '{repo}'";
            await foreach (var (page, pageNumber, listedNext) in GitHubApi.Reader(stream, what).ReadAsync(
                url, (pageUrl, n, token) => api.GetPageAsync(stream, pageUrl!, n == 1 && !resuming ? etag : null, n, what, token), cancellationToken))
            {
                var records = new List<SourceRecord>();
                var notModified = page.Response.Status == HttpStatusCode.NotModified;
                var next = notModified ? null : listedNext;
                if (notModified)
                {
                    (max, firstEtag) = ((string?)entry?["since"], etag);
                }
                else
                {
                    foreach (var item in page.Items)
                    {
                        var updated = definition.Listing == GitHubListing.Snapshot ? null : Time(item, "updated_at");
                        if (definition.Listing == GitHubListing.UpdatedDescending && from is { } floor && updated < floor)
                        {
                            next = null;
                            break;
                        }

                        records.Add(new SourceRecord(item.Clone(), page.ServedAt));
                        if (updated is { } u && (Time(max) is not { } m || u > m))
                        {
                            max = Format(u);
                        }
                    }

                    if (pageNumber == 1 && !resuming)
                    {
                        // A later page can change without the first one changing, except when newest come first.
                        firstEtag = listedNext is null || definition.Listing == GitHubListing.UpdatedDescending ? page.Response.Headers.ETag?.ToString() : null;
                    }
                }

                if (next is null)
                {
                    progress.Repos[repo] = new JsonObject { ["since"] = max ?? (string?)entry?["since"], ["etag"] = firstEtag };
                    if (former is not null)
                    {
                        progress.Repos.Remove(former);
                    }

                    progress = progress with { Done = [.. progress.Done, repo], Repo = null, Next = null, Max = null, ETag = null };
                    yield return new Page(records, progress.ToJson(), Warnings: warnings);
                    warnings = null;
                    break;
                }

                progress = progress with { Repo = repo, Next = next, Max = max, ETag = firstEtag };
                yield return new Page(records, progress.ToJson(), Warnings: warnings);
                warnings = null;
            }
        }

        yield return new Page([], null, progress.Cursor(), IsLast: true, Warnings: warnings);
    }

    private static DateTimeOffset? Time(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? Time(value.GetString()) : null;

    private static DateTimeOffset? Time(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? Time(text) : null;

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;

    private static string? Format(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
