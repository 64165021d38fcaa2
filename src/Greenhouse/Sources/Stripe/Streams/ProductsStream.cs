namespace Greenhouse.Sources.Stripe.Streams;

internal static class ProductsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "products",
        "v1/products",
        [
            new("name", ColumnType.Text),
            new("active", ColumnType.Boolean),
            new("created", ColumnType.Timestamp),
            new("updated", ColumnType.Timestamp),
        ],
        ["product.created", "product.updated", "product.deleted"]);
}
