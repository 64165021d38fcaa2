namespace Greenhouse.Sources.Stripe.Streams;

internal static class CouponsStream
{
    public static readonly StripeStreamDefinition Definition = new(
        "coupons",
        "v1/coupons",
        [
            new("name", ColumnType.Text),
            new("percent_off", ColumnType.Decimal),
            new("amount_off", ColumnType.Integer),
            new("currency", ColumnType.Text),
            new("duration", ColumnType.Text),
            new("duration_in_months", ColumnType.Integer),
            new("valid", ColumnType.Boolean),
            new("times_redeemed", ColumnType.Integer),
            new("created", ColumnType.Timestamp),
        ],
        ["coupon.created", "coupon.updated", "coupon.deleted"]);
}
