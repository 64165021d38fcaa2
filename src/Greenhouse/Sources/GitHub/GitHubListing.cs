namespace Greenhouse.Sources.GitHub;

/// <summary>How a per-repository endpoint can be read incrementally.</summary>
internal enum GitHubListing
{
    /// <summary>Oldest update first with <c>since</c> (issues, comments): an incremental run asks only for what changed.</summary>
    SinceAscending,

    /// <summary>Newest update first, no <c>since</c> (pulls): an incremental run stops at the first item older than its cursor.</summary>
    UpdatedDescending,

    /// <summary>No order by update (releases): every run lists it all, unless the ETag says nothing changed.</summary>
    Snapshot,
}
