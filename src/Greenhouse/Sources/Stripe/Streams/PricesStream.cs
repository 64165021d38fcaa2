namespace Greenhouse.Sources.Stripe.Streams;

internal static class PricesStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "prices",
        "Stripe prices: how much and how often a product costs",
        "v1/prices",
        "price",
        [
            new("product", ColumnType.Text) { References = "products", Description = "the id of the product this price belongs to" },
            new("active", ColumnType.Boolean) { Description = "whether the price can be used for new purchases" },
            new("currency", ColumnType.Text) { Description = "the price's currency (ISO code, lower case)" },
            new("unit_amount", ColumnType.Integer) { Description = "the amount per unit in the currency's minor unit" },
            new("type", ColumnType.Text) { Description = "one_time or recurring" },
            new("recurring_interval", ColumnType.Text, "recurring.interval") { Description = "the billing interval of a recurring price: day, week, month or year" },
            new("recurring_interval_count", ColumnType.Integer, "recurring.interval_count") { Description = "how many intervals between billings of a recurring price" },
            new("nickname", ColumnType.Text) { Description = "the price's internal name, not shown to customers" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the price was created in Stripe" },
        ],
        ["price.created", "price.updated", "price.deleted"])
    {
        // The API only archives prices (active: false, a price.updated); price.deleted is a price deleted in the
        // Dashboard (never used), after which retrieving it answers 404.
        RemovedBy = ["price.deleted"],
    };
}
