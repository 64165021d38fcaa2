using System.Text.Json;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// Generates one coherent small SaaS business on Stripe (three plans and a seats add-on, coupons, customers with
/// subscriptions, monthly or yearly invoices, charges, refunds, and the last 30 days of events) as a pure function of
/// seed, size and the anchor second. Each customer draws from its own random stream, so changing one customer's
/// logic does not reshuffle the others.
/// </summary>
internal sealed class StripeGenerator
{
    private const long Day = 86400;
    private const long Hour = 3600;

    private static readonly string[] Brands = ["visa", "visa", "visa", "mastercard", "mastercard", "amex"];
    private static readonly string[] Last4 = ["4242", "4444", "0005", "1881", "5556", "8210", "3220", "0077"];
    private static readonly (string Code, string Message, string Decline)[] Failures =
    [
        ("card_declined", "Your card was declined.", "generic_decline"),
        ("card_declined", "Your card has insufficient funds.", "insufficient_funds"),
        ("expired_card", "Your card has expired.", "expired_card"),
        ("card_declined", "Your card was declined.", "do_not_honor"),
    ];

    private readonly int _seed;
    private readonly long _now;
    private readonly long _start;
    private readonly long _window;
    private readonly StripeJson _json = new();
    private readonly SandboxPeople _people;
    private readonly Dictionary<StripeResource, List<StripeRecord>> _records = [];
    private readonly Dictionary<StripeResource, List<string>> _deleted = [];
    private readonly List<ProductModel> _products = [];
    private readonly List<PriceModel> _prices = [];
    private readonly List<CouponModel> _coupons = [];
    private ProductModel _starter = null!;
    private ProductModel _pro = null!;
    private ProductModel _business = null!;
    private ProductModel _seats = null!;
    private PriceModel _starterMonthlyLegacy = null!;
    private PriceModel _starterMonthly = null!;
    private PriceModel _starterYearly = null!;
    private PriceModel _proMonthly = null!;
    private PriceModel _proYearly = null!;
    private PriceModel _proMonthlyEur = null!;
    private PriceModel _proMonthlyGbp = null!;
    private PriceModel _businessMonthly = null!;
    private PriceModel _businessYearly = null!;
    private PriceModel _seatsMonthly = null!;

    private StripeGenerator(int seed, long now)
    {
        _seed = seed;
        _now = now;
        _start = now - (730 * Day);
        _window = now - (30 * Day);
        _people = new SandboxPeople(seed);
        foreach (var resource in StripeResource.All)
        {
            _records[resource] = [];
            _deleted[resource] = [];
        }
    }

    public static int CustomerCount(SandboxSize size) => size switch
    {
        SandboxSize.Medium => 12_000,
        SandboxSize.Large => 50_000,
        _ => 100,
    };

    public static StripeGenerated Generate(int seed, SandboxSize size, long now)
    {
        var generator = new StripeGenerator(seed, now);
        var catalogRandom = new SandboxRandom(seed, 1);
        generator.Catalog(catalogRandom);
        var customers = CustomerCount(size);
        for (var i = 0; i < customers; i++)
        {
            generator.Customer(i, customers);
        }

        generator.RenderCatalog(catalogRandom);
        var stores = new Dictionary<StripeResource, StripeStore>();
        foreach (var resource in StripeResource.All)
        {
            stores[resource] = new StripeStore(generator._records[resource], generator._deleted[resource]);
        }

        return new StripeGenerated
        {
            Stores = stores,
            Random = new SandboxRandom(seed, 2),
            People = generator._people,
            PeopleUsed = customers,
            DefaultPrice = generator._proMonthly,
        };
    }

    private static long AddMonths(long unix, long months) =>
        DateTimeOffset.FromUnixTimeSeconds(unix).AddMonths((int)months).ToUnixTimeSeconds();

    private void Catalog(SandboxRandom rng)
    {
        var launch = _start - (30 * Day);
        _starter = Product(rng, "Starter", "For freelancers and tiny teams.", launch, "starter");
        _pro = Product(rng, "Pro", "For growing teams that need more projects.", launch, "pro");
        _business = Product(rng, "Business", "SSO, audit log and priority support.", launch + (10 * Day), "business");
        _seats = Product(rng, "Extra seats", "Additional team members beyond the plan's included seats.", _now - (400 * Day), null);
        _seats.UnitLabel = "seat";

        _starterMonthlyLegacy = Price(rng, _starter, "usd", 700, "month", launch, "Starter monthly (2023)", null);
        _starterMonthlyLegacy.Active = false;
        _starterMonthly = Price(rng, _starter, "usd", 900, "month", _now - (420 * Day), "Starter monthly", "starter_monthly");
        _starterYearly = Price(rng, _starter, "usd", 9000, "year", launch, "Starter yearly", "starter_yearly");
        _proMonthly = Price(rng, _pro, "usd", 2900, "month", launch, "Pro monthly", "pro_monthly");
        _proYearly = Price(rng, _pro, "usd", 29000, "year", launch, "Pro yearly", "pro_yearly");
        _proMonthlyEur = Price(rng, _pro, "eur", 2700, "month", launch + Day, "Pro monthly (EUR)", "pro_monthly_eur");
        _proMonthlyGbp = Price(rng, _pro, "gbp", 2300, "month", launch + Day, "Pro monthly (GBP)", "pro_monthly_gbp");
        _businessMonthly = Price(rng, _business, "usd", 9900, "month", launch + (10 * Day), "Business monthly", "business_monthly");
        _businessYearly = Price(rng, _business, "usd", 99000, "year", launch + (10 * Day), "Business yearly", "business_yearly");
        _seatsMonthly = Price(rng, _seats, "usd", 500, "month", _seats.Created, "Extra seat", "seat_monthly");
        Price(rng, _business, "eur", 9500, "month", _now - (12 * Day) + 4242, "Business monthly (EUR)", "business_monthly_eur");

        _starter.DefaultPrice = _starterMonthly.Id;
        _starter.Updated = _starterMonthly.Created;
        _pro.DefaultPrice = _proMonthly.Id;
        _business.DefaultPrice = _businessMonthly.Id;
        _seats.DefaultPrice = _seatsMonthly.Id;

        Coupon("WELCOME10", "Welcome 10%", _start + (5 * Day), c => c.PercentOff = 10);
        Coupon("FOREVER20", "Partner 20%", _start + (30 * Day), c =>
        {
            c.PercentOff = 20;
            c.Duration = "forever";
            c.MaxRedemptions = 50;
            c.Note = "Partner deal, ask Sam before extending";
        });
        Coupon("SUMMER25", "Summer 25% for 3 months", _start + (150 * Day), c =>
        {
            c.PercentOff = 25;
            c.Duration = "repeating";
            c.DurationInMonths = 3;
            c.RedeemBy = _start + (240 * Day);
            c.Note = "Summer campaign";
        });
        Coupon("STARTUP100", "$100 off the first invoice", _start + (200 * Day), c =>
        {
            c.AmountOff = 10000;
            c.Currency = "usd";
        });
        Coupon(rng.Upper(8), "Sales 15% for 6 months", _start + (300 * Day), c =>
        {
            c.PercentOff = 15;
            c.Duration = "repeating";
            c.DurationInMonths = 6;
            c.Note = "Issued by sales";
        });
        Coupon("BLACKFRIDAY30", "Black Friday 30% for a year", _start + (320 * Day), c =>
        {
            c.PercentOff = 30;
            c.Duration = "repeating";
            c.DurationInMonths = 12;
            c.RedeemBy = _start + (330 * Day);
        });
        Coupon("EDU50", "Education 50%", _start + (400 * Day), c =>
        {
            c.PercentOff = 50;
            c.Duration = "forever";
            c.Note = "Schools and universities";
        });
        Coupon("SPRING30", "Spring 30% for 3 months", _now - (10 * Day) + 777, c =>
        {
            c.PercentOff = 30;
            c.Duration = "repeating";
            c.DurationInMonths = 3;
        });
    }

    private ProductModel Product(SandboxRandom rng, string name, string description, long created, string? tier)
    {
        var product = new ProductModel
        {
            Id = rng.Id("prod_", 14),
            Created = created,
            Updated = created,
            Name = name,
            Description = description,
            Tier = tier,
        };
        _products.Add(product);
        return product;
    }

    private PriceModel Price(SandboxRandom rng, ProductModel product, string currency, long amount, string interval, long created, string nickname, string? lookupKey)
    {
        var price = new PriceModel
        {
            Id = rng.Id("price_", 24),
            Product = product.Id,
            ProductName = product.Name,
            Created = created,
            Currency = currency,
            UnitAmount = amount,
            Interval = interval,
            Nickname = nickname,
            LookupKey = lookupKey,
        };
        _prices.Add(price);
        return price;
    }

    private void Coupon(string id, string name, long created, Action<CouponModel> setup)
    {
        var coupon = new CouponModel { Id = id, Name = name, Created = created };
        setup(coupon);
        _coupons.Add(coupon);
    }

    private void RenderCatalog(SandboxRandom rng)
    {
        // The Pro plan's description was edited recently: a product.updated event with previous_attributes.
        var oldDescription = _pro.Description;
        var oldUpdated = _pro.Updated;
        _pro.Description = "For growing teams: unlimited projects and integrations.";
        _pro.Updated = _now - (9 * Day) + 1234;
        foreach (var product in _products)
        {
            var record = Add(StripeResource.Products, product, product.Created);
            record.Active = product.Active;
            Event(rng, "product.created", product.Created, product);
        }

        Event(rng, "product.updated", _pro.Updated, _pro, _json.Object(w =>
        {
            w.WriteString("description", oldDescription);
            w.WriteNumber("updated", oldUpdated);
        }));
        foreach (var price in _prices)
        {
            var record = Add(StripeResource.Prices, price, price.Created);
            record.Active = price.Active;
            record.Product = price.Product;
            Event(rng, "price.created", price.Created, price);
        }

        foreach (var coupon in _coupons)
        {
            coupon.Valid = (coupon.RedeemBy is null || coupon.RedeemBy > _now)
                && (coupon.MaxRedemptions is null || coupon.TimesRedeemed < coupon.MaxRedemptions);
            Add(StripeResource.Coupons, coupon, coupon.Created);
            Event(rng, "coupon.created", coupon.Created, coupon);
        }

    }

    private StripeRecord Add(StripeResource resource, object model, long created)
    {
        var id = model switch
        {
            ProductModel p => p.Id,
            PriceModel p => p.Id,
            CouponModel c => c.Id,
            CustomerModel c => c.Id,
            SubscriptionModel s => s.Id,
            InvoiceModel i => i.Id,
            ChargeModel c => c.Id,
            RefundModel r => r.Id,
            _ => throw new ArgumentException("Unknown model.", nameof(model)),
        };
        var record = new StripeRecord { Id = id, Created = created, Source = model };
        _records[resource].Add(record);
        return record;
    }

    /// <summary>Records an event about <paramref name="model"/> if it falls in the last 30 days.</summary>
    /// <remarks>Its data object renders the model's final generated state (generation never changes a model afterwards).</remarks>
    private void Event(SandboxRandom rng, string type, long created, object model, byte[]? previous = null)
    {
        if (created >= _window && created <= _now)
        {
            var id = rng.Id("evt_", 24);
            _records[StripeResource.Events].Add(new StripeRecord
            {
                Id = id,
                Created = created,
                Type = type,
                Source = new EventModel { Id = id, Type = type, Created = created, Data = model, Previous = previous },
            });
        }
    }

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

    private void Subscription(
        SandboxRandom rng,
        CustomerModel customer,
        List<SubscriptionModel> subscriptions,
        List<InvoiceModel> invoices,
        List<ChargeModel> charges,
        List<RefundModel> refunds)
    {
        var start = customer.Created + rng.Next(60, 3 * Day);
        if (start >= _now)
        {
            start = customer.Created + (long)((_now - customer.Created) * rng.NextDouble());
        }

        var roll = rng.NextDouble();
        var plan = roll < 0.45 ? "starter" : roll < 0.85 ? "pro" : "business";
        var yearly = rng.Chance(0.2);
        var currency = "usd";
        if (plan == "pro" && !yearly)
        {
            currency = customer.Person.Country switch
            {
                "DE" or "FR" or "NL" or "ES" => "eur",
                "GB" => "gbp",
                _ => "usd",
            };
        }

        var price = PickPrice(plan, yearly, currency, start);
        var trial = rng.Chance(start > _now - (30 * Day) ? 0.6 : 0.3);
        var trialEnd = start + (14 * Day);
        var billingStart = trial ? trialEnd : start;
        var status = "active";
        long? cancelAt = null;
        var paymentFailed = false;
        if (trial && trialEnd > _now)
        {
            status = "trialing";
        }
        else
        {
            var fate = rng.NextDouble();
            var earliest = (trial ? start : billingStart) + Hour;
            if (fate < 0.25 && earliest < _now)
            {
                status = "canceled";
                cancelAt = rng.Next(earliest, _now);
                paymentFailed = cancelAt > billingStart && rng.Chance(0.3);
            }
            else if (fate < 0.31)
            {
                status = "past_due";
            }
        }

        var paymentMethod = rng.Id("pm_", 24);
        customer.DefaultPaymentMethod = paymentMethod;
        customer.Currency = currency;
        var card = (Brand: rng.Pick(Brands), Last4: rng.Pick(Last4), Month: 1 + rng.Next(12), Year: 2026 + rng.Next(5));
        var s = new SubscriptionModel
        {
            Id = rng.Id("sub_", 24),
            Customer = customer,
            Created = start,
            Currency = currency,
            BillingCycleAnchor = billingStart,
            DefaultPaymentMethod = paymentMethod,
            Source = rng.Chance(0.2) ? "sales" : null,
        };
        if (trial)
        {
            s.TrialStart = start;
            s.TrialEnd = trialEnd;
        }

        var main = new ItemModel { Id = rng.Id("si_", 14), Created = start, Price = price };
        s.Items.Add(main);
        if (plan != "starter" && !yearly && currency == "usd" && start >= _seatsMonthly.Created && rng.Chance(0.25))
        {
            s.Items.Add(new ItemModel { Id = rng.Id("si_", 14), Created = start, Price = _seatsMonthly, Quantity = 2 + rng.Next(9) });
        }

        var end = cancelAt ?? _now;
        long? upgradeAt = null;
        PriceModel? upgradeTo = null;
        if (plan != "business" && !yearly && currency == "usd" && status != "trialing" && end - billingStart > 40 * Day && rng.Chance(0.15))
        {
            upgradeAt = rng.Next(billingStart + (20 * Day), end - (10 * Day));
            upgradeTo = plan == "starter" ? _proMonthly : _businessMonthly;
        }

        if (rng.Chance(0.12))
        {
            var candidates = _coupons.Where(c => c.Created <= start
                && (c.RedeemBy is null || c.RedeemBy > start)
                && (c.Currency is null || c.Currency == currency)
                && (c.MaxRedemptions is null || c.TimesRedeemed < c.MaxRedemptions)).ToList();
            if (candidates.Count > 0)
            {
                var coupon = rng.Pick(candidates);
                coupon.TimesRedeemed++;
                s.Coupon = coupon;
                s.DiscountId = rng.Id("di_", 24);
                s.DiscountStart = start;
                s.DiscountEnd = coupon.Duration == "repeating" ? AddMonths(start, coupon.DurationInMonths ?? 1) : null;
            }
        }

        Event(rng, "customer.subscription.created", start, s);
        var sequence = customer.InvoiceSequence;
        InvoiceModel? last = null;
        if (trial)
        {
            var zero = NewInvoice(rng, customer, s, start, "subscription_create", start, start);
            zero.Lines.Add(Line(rng, s, main, start, trialEnd, 0));
            zero.Status = "paid";
            zero.FinalizedAt = start;
            zero.PaidAt = start;
            zero.Number = $"{customer.InvoicePrefix}-{++sequence:D4}";
            invoices.Add(zero);
            InvoiceEvents(rng, zero);
            last = zero;
            if (status != "trialing")
            {
                Event(rng, "customer.subscription.updated", trialEnd, s, _json.Object(w => w.WriteString("status", "trialing")));
            }
        }

        var months = price.Months;
        var previousStart = start;
        long periodStart = trial ? start : billingStart, periodEnd = trial ? trialEnd : billingStart;
        for (var k = 0; status != "trialing"; k++)
        {
            var thisStart = AddMonths(billingStart, k * months);
            if (thisStart > end || (cancelAt is not null && thisStart >= cancelAt))
            {
                break;
            }

            periodStart = thisStart;
            periodEnd = AddMonths(billingStart, (k + 1) * months);
            if (upgradeAt is not null && thisStart >= upgradeAt && main.Price != upgradeTo)
            {
                Event(rng, "customer.subscription.updated", upgradeAt.Value, s, _json.PreviousItems(s, s.Items));
                main.Price = upgradeTo!;
            }

            var create = k == 0 && !trial;
            var invoice = NewInvoice(
                rng,
                customer,
                s,
                thisStart,
                create ? "subscription_create" : "subscription_cycle",
                create ? thisStart : previousStart,
                thisStart);
            previousStart = thisStart;
            foreach (var item in s.Items)
            {
                invoice.Lines.Add(Line(rng, s, item, thisStart, periodEnd, item.Price.UnitAmount * item.Quantity));
                invoice.Subtotal += item.Price.UnitAmount * item.Quantity;
            }

            if (s.Coupon is { } coupon
                && (coupon.Duration == "forever" || (coupon.Duration == "once" && k == 0) || (coupon.Duration == "repeating" && thisStart < s.DiscountEnd)))
            {
                invoice.DiscountId = s.DiscountId;
                invoice.DiscountAmount = coupon.PercentOff is { } percent
                    ? (long)Math.Round(invoice.Subtotal * percent / 100, MidpointRounding.AwayFromZero)
                    : Math.Min(coupon.AmountOff ?? 0, invoice.Subtotal);
            }

            invoices.Add(invoice);
            last = invoice;
            var finalized = create ? thisStart : thisStart + Hour;
            if (finalized > _now)
            {
                // Stripe finalizes subscription invoices about an hour after creating them.
                InvoiceEvents(rng, invoice);
                continue;
            }

            invoice.FinalizedAt = finalized;
            invoice.Number = $"{customer.InvoicePrefix}-{++sequence:D4}";
            invoice.Status = "open";
            // The last invoice that gets finalized: the next one is after the end, or still a draft.
            var next = AddMonths(billingStart, (k + 1) * months);
            var isLast = next > end || next + Hour > _now || (cancelAt is not null && next >= cancelAt);
            if (invoice.Total == 0)
            {
                invoice.Status = "paid";
                invoice.PaidAt = finalized;
            }
            else if (isLast && (status == "past_due" || paymentFailed))
            {
                var attempts = status == "past_due" ? 1 + rng.Next(3) : 4;
                long[] offsets = [0, 3 * Day, 5 * Day, 7 * Day];
                for (var a = 0; a < attempts && finalized + offsets[a] < _now; a++)
                {
                    var failed = Charge(rng, customer, invoice, finalized + offsets[a], card, succeeded: false);
                    charges.Add(failed);
                    invoice.Charge = failed.Id;
                    invoice.AttemptCount++;
                    Event(rng, "invoice.payment_failed", failed.Created, invoice);
                    if (a == 0 && status != "canceled")
                    {
                        Event(rng, "customer.subscription.updated", failed.Created, s, _json.Object(w => w.WriteString("status", "active")));
                    }
                }

                if (paymentFailed)
                {
                    var canceledAt = finalized + (7 * Day) + Hour;
                    if (canceledAt < _now)
                    {
                        cancelAt = canceledAt;
                        invoice.Status = "uncollectible";
                        invoice.MarkedUncollectibleAt = canceledAt;
                        Event(rng, "invoice.updated", canceledAt, invoice, _json.Object(w => w.WriteString("status", "open")));
                    }
                    else
                    {
                        status = "past_due";
                        cancelAt = null;
                    }
                }

                if (invoice.Status == "open")
                {
                    invoice.NextPaymentAttempt = invoice.AttemptCount < 4 ? (Math.Max(finalized + (invoice.AttemptCount * 2 * Day), _now) + Day) : null;
                    customer.Delinquent = true;
                }
            }
            else if (rng.Chance(0.01))
            {
                invoice.Status = "void";
                invoice.VoidedAt = Math.Min(finalized + (2 * Day), _now);
                Event(rng, "invoice.updated", invoice.VoidedAt.Value, invoice, _json.Object(w => w.WriteString("status", "open")));
            }
            else
            {
                var paidAt = finalized;
                if (rng.Chance(0.04) && finalized + (3 * Day) < _now)
                {
                    var failed = Charge(rng, customer, invoice, finalized, card, succeeded: false);
                    charges.Add(failed);
                    invoice.AttemptCount++;
                    Event(rng, "invoice.payment_failed", failed.Created, invoice);
                    paidAt = finalized + (3 * Day);
                }

                var charge = Charge(rng, customer, invoice, paidAt, card, succeeded: true);
                charges.Add(charge);
                invoice.Charge = charge.Id;
                invoice.AttemptCount++;
                invoice.Status = "paid";
                invoice.PaidAt = paidAt;
                invoice.AmountPaid = invoice.Total;
                Refund(rng, charge, refunds);
            }

            InvoiceEvents(rng, invoice);
        }

        if (status == "canceled" && cancelAt is null)
        {
            status = "past_due";
        }

        s.Status = status;
        s.CurrentPeriodStart = periodStart;
        s.CurrentPeriodEnd = periodEnd;
        s.LatestInvoice = last?.Id;
        if (status == "canceled")
        {
            s.CanceledAt = cancelAt;
            s.EndedAt = cancelAt;
            s.CancellationReason = paymentFailed ? "payment_failed" : "cancellation_requested";
            Event(rng, "customer.subscription.deleted", cancelAt!.Value, s);
        }
        else if (status == "active" && rng.Chance(0.05))
        {
            var requested = rng.Next(periodStart, _now);
            s.CancelAtPeriodEnd = true;
            s.CancelAt = periodEnd;
            s.CanceledAt = requested;
            s.CancellationReason = "cancellation_requested";
            Event(rng, "customer.subscription.updated", requested, s, _json.Object(w =>
            {
                w.WriteNull("cancel_at");
                w.WriteBoolean("cancel_at_period_end", false);
                w.WriteNull("canceled_at");
            }));
        }

        if (s.Coupon is { } applied && !(applied.Duration == "forever" || (applied.Duration == "repeating" && s.DiscountEnd > _now) || (applied.Duration == "once" && invoices.Count == 0)))
        {
            s.Coupon = null;
            s.DiscountId = null;
        }

        customer.InvoiceSequence = sequence;
        subscriptions.Add(s);
    }

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
