namespace Greenhouse.Sources.Stripe.Streams;

internal static class ProductsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "products",
        "Stripe products: the goods and services you sell",
        "v1/products",
        "product",
        [
            new("name", ColumnType.Text) { Description = "the product's name as shown to customers" },
            new("active", ColumnType.Boolean) { Description = "whether the product is available for purchase" },
            new("created", ColumnType.Timestamp) { Indexed = true, Description = "when the product was created in Stripe" },
            new("updated", ColumnType.Timestamp) { Description = "when the product was last updated" },
        ],
        ["product.created", "product.updated", "product.deleted"])
    {
        // DELETE /v1/products/{id} (only a product without prices) removes it; retrieving it answers a deleted stub.
        RemovedBy = ["product.deleted"],
    };
}
