using System.Globalization;
using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>One timeline of everything a person's rows say happened, across sources, newest first (ties: by stream, then id).</summary>
internal static class CustomerTimeline
{
    public static IReadOnlyList<TimelineEvent> Of(
        BillingHistory? stripe, SupportHistory? plain, NewsletterHistory? buttondown, CodeHistory? github, BacklogHistory? linear, IReadOnlyList<JsonObject>? linearUsers)
    {
        var events = new List<TimelineEvent>();
        void Add(IEnumerable<JsonObject>? rows, string stream, string column, Func<JsonObject, string> kind, Func<JsonObject, string> summary)
        {
            foreach (var row in rows ?? [])
            {
                if (At(row, column) is { } at)
                {
                    events.Add(new TimelineEvent(at, stream, kind(row), (string)row["id"]!, summary(row)));
                }
            }
        }

        Add(stripe?.Customers, "stripe.customers", "created", _ => "customer created", c => $"Stripe customer {T(c, "name") ?? T(c, "email")}");
        Add(stripe?.Subscriptions, "stripe.subscriptions", "created", _ => "subscription created", s => $"price {T(s, "price")}, now {T(s, "status")}");
        Add(stripe?.Subscriptions, "stripe.subscriptions", "canceled_at", _ => "subscription canceled", s => $"price {T(s, "price")}");
        Add(stripe?.Subscriptions, "stripe.subscriptions", "ended_at", _ => "subscription ended", s => $"price {T(s, "price")}");
        Add(stripe?.Invoices, "stripe.invoices", "created", i => $"invoice {T(i, "status")}", i => $"{T(i, "number") ?? T(i, "id")}: total {N(i, "total")} {T(i, "currency")} (minor units)");
        Add(stripe?.Charges, "stripe.charges", "created", c => $"charge {T(c, "status")}", c => $"{N(c, "amount")} {T(c, "currency")} (minor units){(N(c, "amount_refunded") is { } r and not "0" ? $", {r} refunded" : "")}");
        Add(stripe?.Refunds, "stripe.refunds", "created", r => $"refund {T(r, "status")}", r => $"{N(r, "amount")} {T(r, "currency")} (minor units) of charge {T(r, "charge")}{(T(r, "reason") is { } why ? $": {why}" : "")}");
        Add(plain?.Customers, "plain.customers", "created_at", _ => "support customer created", c => $"Plain customer {T(c, "full_name")}");
        Add(plain?.Threads, "plain.threads", "created_at", _ => "support thread opened", t => $"{T(t, "title")} ({T(t, "status")})");
        Add(buttondown?.Subscribers, "buttondown.subscribers", "creation_date", _ => "newsletter signup", s => $"now {T(s, "type")}");
        Add(buttondown?.Subscribers, "buttondown.subscribers", "upgrade_date", _ => "newsletter upgraded to premium", s => $"now {T(s, "type")}");
        Add(buttondown?.Subscribers, "buttondown.subscribers", "churn_date", _ => "newsletter payment churned", s => $"now {T(s, "type")}");
        Add(buttondown?.Subscribers, "buttondown.subscribers", "unsubscription_date", _ => "newsletter unsubscribed", s => $"now {T(s, "type")}");
        Add(github?.Issues, "github.issues", "created_at", _ => "issue opened", i => $"#{N(i, "number")} {T(i, "title")} ({T(i, "state")})");
        Add(github?.Issues, "github.issues", "closed_at", _ => "issue closed", i => $"#{N(i, "number")} {T(i, "title")}");
        Add(github?.PullRequests, "github.pull_requests", "created_at", _ => "pull request opened", p => $"#{N(p, "number")} {T(p, "title")} ({T(p, "state")})");
        Add(github?.PullRequests, "github.pull_requests", "merged_at", _ => "pull request merged", p => $"#{N(p, "number")} {T(p, "title")}");
        Add(linearUsers, "linear.users", "created_at", _ => "joined the Linear workspace", u => $"{T(u, "name")}");
        Add(linear?.RequestedIssues, "linear.issues", "created_at", _ => "requested in Linear", i => $"{T(i, "identifier")} {T(i, "title")} ({T(i, "state_name")})");
        Add(linear?.RequestedIssues, "linear.issues", "completed_at", _ => "request completed in Linear", i => $"{T(i, "identifier")} {T(i, "title")}");
        return
        [
            .. events.OrderByDescending(e => e.At)
                .ThenBy(e => e.Stream, StringComparer.Ordinal)
                .ThenBy(e => e.Id, StringComparer.Ordinal)
                .ThenBy(e => e.Kind, StringComparer.Ordinal),
        ];
    }

    /// <summary>A row's instant: PostgreSQL's timestamptz (as ISO 8601 text by now) or SQLite's ISO 8601 text; null when absent or unreadable.</summary>
    private static DateTimeOffset? At(JsonObject row, string column) =>
        CustomerService.Text(row, column) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    private static string? T(JsonObject row, string column) => CustomerService.Text(row, column);

    /// <summary>A number (or any value) as text, for a summary line.</summary>
    private static string? N(JsonObject row, string column) => row[column]?.ToJsonString() is { } json ? json.Trim('"') : null;
}
