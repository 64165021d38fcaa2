using System.Text.Json.Nodes;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// Realistic defaults for objects created through <see cref="StripeFakeData.Create"/>: a new customer is the next
/// sandbox person; other objects point at the newest customer (and charge) so they are coherent out of the box.
/// Called under the data lock.
/// </summary>
internal sealed class StripeTemplates(StripeGenerated generated, StripeFakeData data)
{
    private readonly StripeJson _json = new();
    private int _nextPerson = generated.PeopleUsed;

    public JsonObject Create(StripeResource kind, long now, SandboxRandom random)
    {
        if (kind == StripeResource.Customers)
        {
            var person = generated.People[_nextPerson++];
            return StripeFakeData.Parse(_json.Customer(new CustomerModel
            {
                Id = random.Id("cus_", 14),
                Created = now,
                Person = person,
                Email = person.Email,
                InvoicePrefix = random.Upper(8),
            }));
        }

        if (kind == StripeResource.Products)
        {
            return StripeFakeData.Parse(_json.Product(new ProductModel
            {
                Id = random.Id("prod_", 14),
                Created = now,
                Updated = now,
                Name = "New product",
            }));
        }

        if (kind == StripeResource.Prices)
        {
            var template = generated.DefaultPrice;
            return StripeFakeData.Parse(_json.Price(new PriceModel
            {
                Id = random.Id("price_", 24),
                Product = template.Product,
                ProductName = template.ProductName,
                Created = now,
                Currency = "usd",
                UnitAmount = 1000,
            }));
        }

        if (kind == StripeResource.Coupons)
        {
            return StripeFakeData.Parse(_json.Coupon(new CouponModel
            {
                Id = random.Upper(8),
                Created = now,
                Name = "10% off",
                PercentOff = 10,
            }));
        }

        var customer = Placeholder(random, now);
        if (kind == StripeResource.Subscriptions)
        {
            var s = new SubscriptionModel
            {
                Id = random.Id("sub_", 24),
                Customer = customer,
                Created = now,
                Currency = generated.DefaultPrice.Currency,
                BillingCycleAnchor = now,
                CurrentPeriodStart = now,
                CurrentPeriodEnd = DateTimeOffset.FromUnixTimeSeconds(now).AddMonths(1).ToUnixTimeSeconds(),
            };
            s.Items.Add(new ItemModel { Id = random.Id("si_", 14), Created = now, Price = generated.DefaultPrice });
            return WithCustomer(_json.Subscription(s));
        }

        if (kind == StripeResource.Invoices)
        {
            return WithCustomer(_json.Invoice(new InvoiceModel
            {
                Id = random.Id("in_", 24),
                Customer = customer,
                Created = now,
                PeriodStart = now,
                PeriodEnd = now,
                BillingReason = "manual",
                Currency = "usd",
            }));
        }

        var charge = new ChargeModel
        {
            Id = random.Id("ch_", 24),
            Created = now,
            Customer = customer,
            Amount = 1000,
            Currency = "usd",
            PaymentIntent = random.Id("pi_", 24),
            PaymentMethod = random.Id("pm_", 24),
            BalanceTransaction = random.Id("txn_", 24),
        };
        if (kind == StripeResource.Charges)
        {
            return WithCustomer(_json.Charge(charge));
        }

        if (kind == StripeResource.Refunds)
        {
            var target = data.Newest(StripeResource.Charges, c => c.Status == "succeeded");
            var refund = StripeFakeData.Parse(_json.Refund(new RefundModel
            {
                Id = random.Id("re_", 24),
                Created = now,
                Charge = charge,
                Amount = 100,
                Reason = "requested_by_customer",
                BalanceTransaction = random.Id("txn_", 24),
            }));
            if (target is not null)
            {
                var source = StripeFakeData.Parse(target.Json);
                refund["charge"] = target.Id;
                refund["currency"] = source["currency"]?.DeepClone();
                refund["payment_intent"] = source["payment_intent"]?.DeepClone();
            }

            return refund;
        }

        throw new ArgumentException($"Objects of type {kind.ObjectName} cannot be created.", nameof(kind));
    }

    /// <summary>A stand-in customer model; <see cref="WithCustomer"/> then points the object at the newest real customer.</summary>
    private CustomerModel Placeholder(SandboxRandom random, long now) => new()
    {
        Id = "cus_placeholder",
        Created = now,
        Person = generated.People[0],
        Email = generated.People[0].Email,
        InvoicePrefix = random.Upper(8),
    };

    private JsonObject WithCustomer(byte[] json)
    {
        var o = StripeFakeData.Parse(json);
        var newest = data.Newest(StripeResource.Customers);
        if (newest is null)
        {
            return o;
        }

        var customer = StripeFakeData.Parse(newest.Json);
        o["customer"] = newest.Id;
        if (o.ContainsKey("customer_email"))
        {
            o["customer_email"] = customer["email"]?.DeepClone();
            o["customer_name"] = customer["name"]?.DeepClone();
        }

        if (o["billing_details"] is JsonObject billing)
        {
            billing["email"] = customer["email"]?.DeepClone();
            billing["name"] = customer["name"]?.DeepClone();
            o["receipt_email"] = customer["email"]?.DeepClone();
        }

        return o;
    }
}
