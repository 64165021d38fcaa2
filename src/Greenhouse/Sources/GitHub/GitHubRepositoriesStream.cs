using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.GitHub;

/// <summary>The source's repositories, as resolved for the run (a handful of requests; always read in full).</summary>
internal sealed class GitHubRepositoriesStream(string source, GitHubRepositoryList repositories) : ISourceStream
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("full_name", ColumnType.Text),
        new("owner_login", ColumnType.Text, "owner.login"),
        new("private", ColumnType.Boolean),
        new("archived", ColumnType.Boolean),
        new("default_branch", ColumnType.Text),
        new("created_at", ColumnType.Timestamp),
        new("updated_at", ColumnType.Timestamp),
        new("pushed_at", ColumnType.Timestamp),
    ];

    public StreamDescriptor Descriptor { get; } = new(source, "repositories", "id", Columns);

    public async IAsyncEnumerable<Page> ReadAsync(StreamReadContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var found = await repositories.ResolveAsync(Descriptor.FullName, cancellationToken);
        var records = found.Select(r => new SourceRecord(r.Payload, r.ServedAt)).ToList();
        yield return new Page(records, null, new JsonObject { ["repositories"] = found.Count }, IsLast: true);
    }
}
