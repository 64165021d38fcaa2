using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.GitHub;

/// <summary>The source's repositories, as resolved for the run (a handful of requests; always read in full).</summary>
internal sealed class GitHubRepositoriesStream(string source, GitHubRepositoryList repositories) : ISourceStream
{
    public static readonly StreamSpec Spec = new("repositories", "id",
    [
        new("full_name", ColumnType.Text) { Description = "the repository's owner/name" },
        new("owner_login", ColumnType.Text, "owner.login") { Description = "the login of the user or organization that owns the repository" },
        new("private", ColumnType.Boolean) { Description = "whether the repository is private" },
        new("archived", ColumnType.Boolean) { Description = "whether the repository is archived (read-only)" },
        new("default_branch", ColumnType.Text) { Description = "the name of the repository's default branch" },
        new("created_at", ColumnType.Timestamp) { Description = "when the repository was created" },
        new("updated_at", ColumnType.Timestamp) { Description = "when the repository object last changed" },
        new("pushed_at", ColumnType.Timestamp) { Description = "when a commit was last pushed to the repository" },
    ],
    Cursor: null,
    "GitHub repositories the source reads, as configured by repositories and organizations");

    public StreamDescriptor Descriptor { get; } = new(source, Spec);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var found = await repositories.ResolveAsync(Descriptor.FullName, cancellationToken);
        var records = found.Select(r => new SourceRecord(r.Payload, r.ServedAt)).ToList();
        yield return new Page(records, null, new JsonObject { ["repositories"] = found.Count }, IsLast: true, Warnings: repositories.TakeWarnings());
    }
}
