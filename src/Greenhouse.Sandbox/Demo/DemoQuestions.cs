using Greenhouse.Sources;
using Greenhouse.Sources.Stripe;
using Greenhouse.Warehouse;

namespace Greenhouse.Sandbox.Demo;

/// <summary>Questions a SaaS owner asks first, written against the raw Stripe tables of any warehouse.</summary>
public static class DemoQuestions
{
    /// <summary>The SQL name of another vendor's stream table, whatever the warehouse.</summary>
    private static string Table(IWarehouse warehouse, string source, string stream) =>
        warehouse.TableSql(new StreamDescriptor(source, BuiltInConnectors.Create()[source].Catalog.Single(d => d.Name == stream)));

    public static IReadOnlyList<DemoQuestion> For(IWarehouse warehouse, string source = "stripe")
    {
        var catalog = new StripeConnector().Catalog.ToDictionary(d => d.Name, d => warehouse.TableSql(new StreamDescriptor(source, d)));
        var subscriptions = catalog["subscriptions"];
        var prices = catalog["prices"];
        var products = catalog["products"];
        var customers = catalog["customers"];
        var charges = catalog["charges"];
        return
        [
            new("Active subscriptions and MRR per plan", $"""
                SELECT p.name AS plan, pr.currency AS currency, COUNT(*) AS active_subscriptions,
                       ROUND(SUM(CASE pr.recurring_interval WHEN 'year' THEN pr.unit_amount / 12.0 ELSE pr.unit_amount * 1.0 END
                                 * COALESCE(s.quantity, 1)) / 100.0, 2) AS mrr
                FROM {subscriptions} s
                JOIN {prices} pr ON pr.id = s.price
                JOIN {products} p ON p.id = pr.product
                WHERE s.status IN ('active', 'past_due') AND s._gh_deleted_at IS NULL
                GROUP BY p.name, pr.currency
                ORDER BY mrr DESC
                """),
            new("Top customers by lifetime paid (net of refunds)", $"""
                SELECT c.email AS email, c.name AS name, ch.currency AS currency,
                       ROUND(SUM(ch.amount - COALESCE(ch.amount_refunded, 0)) / 100.0, 2) AS lifetime_paid
                FROM {charges} ch
                JOIN {customers} c ON c.id = ch.customer
                WHERE ch.status = 'succeeded' AND ch._gh_deleted_at IS NULL
                GROUP BY c.email, c.name, ch.currency
                ORDER BY lifetime_paid DESC
                LIMIT 5
                """),
            new("Newsletter subscribers who pay, and their open support threads", $"""
                SELECT c.email AS email, b.type AS newsletter, COUNT(DISTINCT s.id) AS active_subscriptions,
                       COUNT(DISTINCT t.id) AS open_threads
                FROM {customers} c
                JOIN {subscriptions} s ON s.customer = c.id AND s.status IN ('active', 'past_due')
                JOIN {Table(warehouse, "buttondown", "subscribers")} b ON lower(b.email) = lower(c.email)
                LEFT JOIN {Table(warehouse, "plain", "customers")} pc ON lower(pc.email) = lower(c.email)
                LEFT JOIN {Table(warehouse, "plain", "threads")} t ON t.customer_id = pc.id AND t.status <> 'DONE'
                GROUP BY c.email, b.type
                ORDER BY open_threads DESC, c.email
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
