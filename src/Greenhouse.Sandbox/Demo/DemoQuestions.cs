using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Transform.Compiling;
using Greenhouse.Warehouse;

namespace Greenhouse.Sandbox.Demo;

/// <summary>
/// Questions a SaaS owner asks first: most answered from the demo project's models (<see cref="DemoProject"/>:
/// <c>fct_mrr</c>, <c>dim_customers</c>), the rest from the raw tables of any warehouse.
/// </summary>
public static class DemoQuestions
{
    /// <summary>The SQL name of another vendor's stream table, whatever the warehouse.</summary>
    private static string Table(IWarehouse warehouse, string source, string stream) =>
        warehouse.TableSql(new StreamDescriptor(source, BuiltInConnectors.Create()[source].Catalog.Single(d => d.Name == stream)));

    /// <summary>
    /// The questions, for a warehouse whose Stripe source is named <paramref name="source"/> and whose demo project was
    /// built into <paramref name="modelSchema"/>.
    /// </summary>
    public static IReadOnlyList<DemoQuestion> For(IWarehouse warehouse, string source = "stripe", string modelSchema = CompileSettings.DefaultSchema)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var catalog = new StripeConnector().Catalog.ToDictionary(d => d.Name, d => warehouse.TableSql(new StreamDescriptor(source, d)));
        var subscriptions = catalog["subscriptions"];
        var customers = catalog["customers"];
        var mrr = warehouse.ModelRelation(modelSchema, "fct_mrr").Sql;
        var people = warehouse.ModelRelation(modelSchema, "dim_customers").Sql;
        return
        [
            new("MRR this month, one number in one currency (fct_mrr: each subscription converted with the ECB rates the sync loaded)", $"""
                SELECT month, MIN(reporting_currency) AS currency,
                       ROUND(SUM(mrr_reporting), 2) AS mrr,
                       COUNT(DISTINCT customer_id) AS paying_customers,
                       COUNT(DISTINCT UPPER(currency)) AS billed_in_currencies
                FROM {mrr}
                WHERE month = (SELECT MAX(month) FROM {mrr}) AND mrr > 0
                GROUP BY month
                """),
            new("Active subscriptions and MRR per plan this month (fct_mrr, in the reporting currency)", $"""
                SELECT plan, MIN(reporting_currency) AS currency, COUNT(*) AS paying_customers,
                       SUM(active_subscriptions) AS active_subscriptions, ROUND(SUM(mrr_reporting), 2) AS mrr
                FROM {mrr}
                WHERE month = (SELECT MAX(month) FROM {mrr}) AND mrr > 0
                GROUP BY plan
                ORDER BY mrr DESC
                """),
            new("MRR movements of the last six months (fct_mrr)", $"""
                SELECT month, MIN(reporting_currency) AS currency,
                       ROUND(SUM(CASE WHEN movement = 'new' THEN mrr_change_reporting ELSE 0 END), 2) AS new_mrr,
                       ROUND(SUM(CASE WHEN movement = 'expansion' THEN mrr_change_reporting ELSE 0 END), 2) AS expansion_mrr,
                       ROUND(SUM(CASE WHEN movement = 'contraction' THEN mrr_change_reporting ELSE 0 END), 2) AS contraction_mrr,
                       ROUND(SUM(CASE WHEN movement = 'churn' THEN mrr_change_reporting ELSE 0 END), 2) AS churned_mrr,
                       ROUND(SUM(CASE WHEN movement = 'reactivation' THEN mrr_change_reporting ELSE 0 END), 2) AS reactivated_mrr,
                       ROUND(SUM(mrr_reporting), 2) AS mrr
                FROM {mrr}
                GROUP BY month
                ORDER BY month DESC
                LIMIT 6
                """),
            new("Top customers by lifetime paid, net of refunds (dim_customers)", $"""
                SELECT email, name, currency, ROUND(lifetime_value / 100.0, 2) AS lifetime_paid,
                       lifetime_value_reporting AS lifetime_paid_reporting, reporting_currency
                FROM {people}
                WHERE lifetime_value > 0
                ORDER BY lifetime_value_reporting DESC, email
                LIMIT 5
                """),
            new("People across Stripe, Plain, Buttondown, GitHub and Linear (dim_customers)", $"""
                SELECT COUNT(*) AS people,
                       SUM(CASE WHEN stripe_customer_id IS NOT NULL THEN 1 ELSE 0 END) AS stripe_customers,
                       SUM(CASE WHEN current_mrr_reporting > 0 THEN 1 ELSE 0 END) AS paying_now,
                       SUM(CASE WHEN newsletter_status IS NOT NULL THEN 1 ELSE 0 END) AS on_the_newsletter,
                       SUM(CASE WHEN open_support_threads > 0 THEN 1 ELSE 0 END) AS with_open_threads,
                       SUM(CASE WHEN github_issues_opened > 0 THEN 1 ELSE 0 END) AS opened_github_issues,
                       SUM(CASE WHEN backlog_items_requested > 0 THEN 1 ELSE 0 END) AS requested_backlog_items,
                       SUM(is_team_member) AS team_members
                FROM {people}
                """),
            new("Newsletter subscribers who pay, and their open support threads (dim_customers)", $"""
                SELECT email, newsletter_status AS newsletter, current_plan AS plan, open_support_threads AS open_threads,
                       backlog_items_requested AS requested
                FROM {people}
                WHERE newsletter_status IS NOT NULL AND current_mrr_reporting > 0
                ORDER BY open_support_threads DESC, email
                LIMIT 5
                """),
            new("Shipped backlog items requested by paying customers", $"""
                SELECT COUNT(*) AS shipped, SUM(paying) AS from_paying_customers,
                       ROUND(100.0 * SUM(paying) / NULLIF(COUNT(*), 0), 1) AS percent
                FROM (
                    SELECT CASE WHEN EXISTS (
                               SELECT 1 FROM {subscriptions} s
                               WHERE s.status IN ('active', 'past_due') AND s._gh_deleted_at IS NULL
                                 AND i.description LIKE '%' || s.customer || '%') THEN 1 ELSE 0 END AS paying
                    FROM {Table(warehouse, "linear", "issues")} i
                    WHERE i.state_type = 'completed' AND i._gh_deleted_at IS NULL
                ) shipped
                """),
            // A field with no typed column, read from the raw JSON: `->` and `->>` mean the same on PostgreSQL's jsonb
            // and on SQLite (3.38 and later).
            new("Paying customers per country (from the raw JSON)", $"""
                SELECT COALESCE(c._gh_raw -> 'address' ->> 'country', '(none)') AS country, COUNT(DISTINCT c.id) AS paying_customers
                FROM {customers} c
                JOIN {subscriptions} s ON s.customer = c.id AND s.status IN ('active', 'past_due') AND s._gh_deleted_at IS NULL
                WHERE c._gh_deleted_at IS NULL
                GROUP BY COALESCE(c._gh_raw -> 'address' ->> 'country', '(none)')
                ORDER BY paying_customers DESC, country
                LIMIT 5
                """),
            new("Subscriptions by status", $"""
                SELECT status, COUNT(*) AS subscriptions
                FROM {subscriptions}
                WHERE _gh_deleted_at IS NULL
                GROUP BY status
                ORDER BY subscriptions DESC
                """),
        ];
    }
}
