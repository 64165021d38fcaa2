namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeGenerator
{
    private static InvoiceModel NewInvoice(SandboxRandom rng, CustomerModel customer, SubscriptionModel s, long created, string reason, long periodStart, long periodEnd) => new()
    {
        Id = rng.Id("in_", 24),
        Customer = customer,
        Subscription = s,
        Created = created,
        Currency = s.Currency,
        BillingReason = reason,
        PeriodStart = periodStart,
        PeriodEnd = periodEnd,
        PaymentIntent = rng.Id("pi_", 24),
    };

    private static InvoiceLineModel Line(SandboxRandom rng, SubscriptionModel s, ItemModel item, long start, long end, long amount) => new()
    {
        Id = rng.Id("il_", 24),
        Item = item,
        Price = item.Price,
        Quantity = item.Quantity,
        Amount = amount,
        PeriodStart = start,
        PeriodEnd = end,
    };

    private void InvoiceEvents(SandboxRandom rng, InvoiceModel invoice)
    {
        Event(rng, "invoice.created", invoice.Created, invoice);
        if (invoice.FinalizedAt is { } finalized)
        {
            Event(rng, "invoice.finalized", finalized, invoice);
        }

        if (invoice.PaidAt is { } paid)
        {
            Event(rng, "invoice.paid", paid, invoice);
        }
    }
}
