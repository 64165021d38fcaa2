using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Rest;

/// <summary>
/// Sentry issues (<c>errors</c>) and Buttondown subscribers (<c>newsletter</c>) described purely in YAML as
/// <c>type: rest</c> sources, with the same credentials as the built-in connectors beside them.
/// </summary>
internal static class RestSources
{
    public static SandboxVendor Errors { get; } = new(
        "errors", "rest", "sentry", "auth: {type: bearer, token: \"${}\"}", SandboxVendor.Sentry.Variable, SandboxVendor.Sentry.Secret)
    {
        BaseUrlSuffix = "/api/0/",
        Lines = """
            streams:
              issues:
                path: organizations/acme/issues/
                params: {query: "", sort: date, limit: "100"}
                records: ""
                primary_key: id
                pagination: {type: link_header, results_param: results}
                incremental: {param: start, end_param: end, cursor_field: lastSeen, format: iso8601, first_window: 90d}
                columns:
                  short_id: {type: text, path: shortId}
                  status: text
                  count: integer
                  last_seen: {type: timestamp, path: lastSeen}
                  project_slug: {type: text, path: project.slug}
            """,
    };

    public static SandboxVendor Newsletter { get; } = new(
        "newsletter", "rest", "buttondown", "auth: {type: header, name: Authorization, prefix: \"Token \", value: \"${}\"}",
        SandboxVendor.Buttondown.Variable, SandboxVendor.Buttondown.Secret)
    {
        BaseUrlSuffix = "/v1",
        Defaults = SubscriberStreams("{type: next_url, path: next}"),
    };

    /// <summary>Both declarative sources (<c>errors</c> first) next to the built-in sentry issues and buttondown subscribers.</summary>
    public static IReadOnlyList<SandboxVendor> WithBuiltIns { get; } =
    [
        Errors,
        SandboxVendor.Sentry with { Lines = "streams: [issues]" },
        Newsletter,
        SandboxVendor.Buttondown with { Lines = "streams: [subscribers]" },
    ];

    /// <summary>The newsletter's <c>streams:</c> block, paging subscribers with <paramref name="pagination"/>.</summary>
    public static string SubscriberStreams(string pagination) => $$"""
        streams:
          subscribers:
            path: subscribers
            records: results
            pagination: {{pagination}}
            columns:
              email: {type: text, path: email_address}
              type: text
              creation_date: timestamp
        """;
}
