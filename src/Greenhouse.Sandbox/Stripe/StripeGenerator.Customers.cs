namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeGenerator
{
    private void Customer(int index, int count)
    {
        var rng = new SandboxRandom(_seed, 1_000_000L + index);
        var person = _people[index];
        var recent = Math.Max(3, count / 200);
        var created = index >= count - recent
            ? _now - rng.Next(300, Day - 400)
            : _start + (long)((_now - (2 * Day) - _start) * Math.Sqrt(rng.NextDouble()));
        var customer = new CustomerModel
        {
            Id = rng.Id("cus_", 14),
            Created = created,
            Person = person,
            Email = person.Email,
            InvoicePrefix = rng.Upper(8),
            HasAddress = rng.Chance(0.6),
            Phone = rng.Chance(0.2) ? $"+1 555 {rng.Next(100, 999)} {rng.Next(1000, 9999)}" : null,
        };
        if (rng.Chance(0.3))
        {
            customer.Metadata.Add(new("signup_source", rng.Pick<string>(["organic", "ads", "referral", "partner"])));
        }

        var subscriptions = new List<SubscriptionModel>();
        var invoices = new List<InvoiceModel>();
        var charges = new List<ChargeModel>();
        var refunds = new List<RefundModel>();
        var hasSubscription = rng.Chance(0.7);
        if (hasSubscription)
        {
            Subscription(rng, customer, subscriptions, invoices, charges, refunds);
        }

        // The business notes on the customer why a discount was given; every third discounted customer has none, for
        // the demo's check to find.
        if (subscriptions.Any(s => s.Coupon is not null) && _discounted++ % 3 != 1)
        {
            customer.Metadata.Add(new("discount_note", new SandboxRandom(_seed, 7_500_000L + index).Pick<string>(
                ["partner deal, approved by Dana", "annual prepay agreed on a sales call", "education discount, student id checked", "retention offer after a cancel request"])));
        }

        long? deletedAt = !hasSubscription && created + Hour < _now && rng.Chance(0.05)
            ? rng.Next(created + Hour, _now)
            : null;
        if (deletedAt is null && created + (2 * Day) < _now && rng.Chance(0.06))
        {
            var at = rng.Next(created + Day, _now);
            if (rng.Chance(0.5))
            {
                var old = $"{person.FirstName.ToLowerInvariant()}{person.LastName.ToLowerInvariant()}{rng.Next(10, 99)}@gmail.com";
                Event(rng, "customer.updated", at, customer, _json.Object(w => w.WriteString("email", old)));
            }
            else
            {
                var crm = "hs_" + rng.Next(100000, 999999);
                customer.Metadata.Add(new("crm_id", crm));
                Event(rng, "customer.updated", at, customer, _json.Object(w =>
                {
                    w.WriteStartObject("metadata");
                    w.WriteNull("crm_id");
                    w.WriteEndObject();
                }));
            }
        }

        Event(rng, "customer.created", created, customer);
        if (deletedAt is { } deleted)
        {
            _deleted[StripeResource.Customers].Add(customer.Id);
            Event(rng, "customer.deleted", deleted, customer);
        }
        else
        {
            Add(StripeResource.Customers, customer, created).Email = customer.Email;
        }

        foreach (var s in subscriptions)
        {
            var record = Add(StripeResource.Subscriptions, s, s.Created);
            record.Customer = customer.Id;
            record.Status = s.Status;
            record.Prices = [.. s.Items.Select(item => item.Price.Id)];
        }

        foreach (var invoice in invoices)
        {
            var record = Add(StripeResource.Invoices, invoice, invoice.Created);
            record.Customer = customer.Id;
            record.Status = invoice.Status;
            record.Subscription = invoice.Subscription?.Id;
        }

        foreach (var charge in charges)
        {
            var record = Add(StripeResource.Charges, charge, charge.Created);
            record.Customer = customer.Id;
            record.Status = charge.Succeeded ? "succeeded" : "failed";
        }

        foreach (var refund in refunds)
        {
            var record = Add(StripeResource.Refunds, refund, refund.Created);
            record.Charge = refund.Charge.Id;
            record.Status = "succeeded";
        }
    }

    private PriceModel PickPrice(string plan, bool yearly, string currency, long at) => plan switch
    {
        "starter" when yearly => _starterYearly,
        "starter" => at < _starterMonthly.Created ? _starterMonthlyLegacy : _starterMonthly,
        "pro" when yearly => _proYearly,
        "pro" when currency == "eur" => _proMonthlyEur,
        "pro" when currency == "gbp" => _proMonthlyGbp,
        "pro" => _proMonthly,
        _ when yearly => _businessYearly,
        _ => _businessMonthly,
    };
}
