namespace Greenhouse.Sandbox.Stripe;

internal sealed partial class StripeGenerator
{
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
}
