namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// Generates one coherent small SaaS business on Stripe (three plans and a seats add-on, coupons, customers with
/// subscriptions, monthly or yearly invoices, charges, refunds, and the last 30 days of events) as a pure function of
/// seed, size and the anchor second. Each customer draws from its own random stream, so changing one customer's
/// logic does not reshuffle the others.
/// </summary>
internal sealed partial class StripeGenerator
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
    private int _discounted;
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
}
