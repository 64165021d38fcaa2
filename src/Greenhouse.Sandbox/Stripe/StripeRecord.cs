namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// One stored Stripe object: its JSON as served, plus the few fields the list filters need. Generated objects keep
/// their (small, never again changed) generation model and render it on each read, a pure function, so a Medium
/// or Large account does not sit in memory as JSON; objects changed or created later hold their JSON bytes.
/// Records of a resource are kept sorted by (<see cref="Created"/>, <see cref="Id"/>) ascending.
/// </summary>
internal sealed class StripeRecord
{
    private object _source = Array.Empty<byte>();

    public required string Id { get; init; }

    public required long Created { get; set; }

    /// <summary>JSON bytes, or a generation model (<see cref="StripeJson.Render"/>).</summary>
    public required object Source
    {
        get => _source;
        init => _source = value;
    }

    public byte[] Json
    {
        get => _source as byte[] ?? StripeJson.Render(_source);
        set => _source = value;
    }

    public string? Customer { get; set; }

    public string? Status { get; set; }

    public string? Email { get; set; }

    public string? Product { get; set; }

    public string? Subscription { get; set; }

    public string? Charge { get; set; }

    /// <summary>The event type, for events.</summary>
    public string? Type { get; set; }

    public bool? Active { get; set; }

    /// <summary>The price ids of a subscription's items.</summary>
    public string[]? Prices { get; set; }

    public static int Compare(StripeRecord a, StripeRecord b) => Compare(a.Created, a.Id, b);

    public static int Compare(long created, string id, StripeRecord b)
    {
        var byCreated = created.CompareTo(b.Created);
        return byCreated != 0 ? byCreated : string.CompareOrdinal(id, b.Id);
    }
}
