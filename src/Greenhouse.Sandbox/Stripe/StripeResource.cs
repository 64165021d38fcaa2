namespace Greenhouse.Sandbox.Stripe;

/// <summary>One Stripe list resource: its path, object name, event prefix and the list filters it accepts.</summary>
internal sealed record StripeResource(
    string Path,
    string ObjectName,
    string EventPrefix,
    bool DeletedStub,
    IReadOnlyList<string> Filters)
{
    public static readonly StripeResource Customers = new("customers", "customer", "customer", true, ["email"]);
    public static readonly StripeResource Products = new("products", "product", "product", true, ["active"]);
    public static readonly StripeResource Prices = new("prices", "price", "price", false, ["active", "product"]);
    public static readonly StripeResource Coupons = new("coupons", "coupon", "coupon", true, []);
    public static readonly StripeResource Subscriptions = new("subscriptions", "subscription", "customer.subscription", false, ["status", "customer", "price"]);
    public static readonly StripeResource Invoices = new("invoices", "invoice", "invoice", false, ["customer", "status", "subscription"]);
    public static readonly StripeResource Charges = new("charges", "charge", "charge", false, ["customer"]);
    public static readonly StripeResource Refunds = new("refunds", "refund", "refund", false, ["charge"]);
    public static readonly StripeResource Events = new("events", "event", "event", false, ["type", "types"]);

    public static readonly IReadOnlyList<StripeResource> All =
        [Customers, Products, Prices, Coupons, Subscriptions, Invoices, Charges, Refunds, Events];

    public static StripeResource Find(string path)
    {
        foreach (var resource in All)
        {
            if (resource.Path == path)
            {
                return resource;
            }
        }

        throw new ArgumentException(
            $"Unknown Stripe resource '{path}'; expected one of: {string.Join(", ", All.Select(r => r.Path))}.",
            nameof(path));
    }
}
