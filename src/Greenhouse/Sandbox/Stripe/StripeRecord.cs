namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// One stored Stripe object: its JSON bytes as served, plus the few fields the list filters need.
/// Records of a resource are kept sorted by (<see cref="Created"/>, <see cref="Id"/>) ascending.
/// </summary>
internal sealed class StripeRecord
{
    public required string Id { get; init; }

    public required long Created { get; set; }

    public required byte[] Json { get; set; }

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
