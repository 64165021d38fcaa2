namespace Greenhouse.Tests.Sync;

/// <summary>The Stripe streams a default stripe source syncs, for checks that walk all of them.</summary>
internal static class StripeResources
{
    public static readonly string[] All = ["customers", "products", "prices", "coupons", "subscriptions", "invoices", "charges", "refunds"];
}
