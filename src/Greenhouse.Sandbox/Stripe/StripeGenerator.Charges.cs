namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeGenerator
{
    private ChargeModel Charge(
        SandboxRandom rng,
        CustomerModel customer,
        InvoiceModel invoice,
        long created,
        (string Brand, string Last4, int Month, int Year) card,
        bool succeeded)
    {
        var charge = new ChargeModel
        {
            Id = rng.Id("ch_", 24),
            Created = created,
            Customer = customer,
            Invoice = invoice.Id,
            Amount = invoice.Total,
            Currency = invoice.Currency,
            Succeeded = succeeded,
            PaymentIntent = invoice.PaymentIntent,
            PaymentMethod = customer.DefaultPaymentMethod,
            BalanceTransaction = succeeded ? rng.Id("txn_", 24) : null,
            Brand = card.Brand,
            Last4 = card.Last4,
            ExpMonth = card.Month,
            ExpYear = card.Year,
            RiskScore = rng.Next(55) + 5,
            Description = invoice.BillingReason == "subscription_create" ? "Subscription creation" : "Subscription update",
        };
        if (!succeeded)
        {
            var (code, message, decline) = rng.Pick(Failures);
            charge.FailureCode = code;
            charge.FailureMessage = message;
            charge.DeclineCode = decline;
        }

        Event(rng, succeeded ? "charge.succeeded" : "charge.failed", created, charge);
        return charge;
    }

    private void Refund(SandboxRandom rng, ChargeModel charge, List<RefundModel> refunds)
    {
        if (!rng.Chance(0.015))
        {
            return;
        }

        var created = charge.Created + rng.Next(Hour, 20 * Day);
        if (created >= _now)
        {
            return;
        }

        var full = rng.Chance(0.6);
        var amount = full ? charge.Amount : Math.Max(100, charge.Amount / 200 * 100);
        var refund = new RefundModel
        {
            Id = rng.Id("re_", 24),
            Created = created,
            Charge = charge,
            Amount = Math.Min(amount, charge.Amount),
            Reason = rng.Pick<string?>(["requested_by_customer", "requested_by_customer", "duplicate", null]),
            BalanceTransaction = rng.Id("txn_", 24),
        };
        charge.AmountRefunded = refund.Amount;
        refunds.Add(refund);
        Event(rng, "refund.created", created, refund);
        Event(rng, "charge.refunded", created, charge, _json.Object(w =>
        {
            w.WriteNumber("amount_refunded", 0);
            if (refund.Amount >= charge.Amount)
            {
                w.WriteBoolean("refunded", false);
            }
        }));
    }
}
