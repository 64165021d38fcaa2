namespace Greenhouse.Sandbox.Stripe;

/// <summary>A validated list query: paging, the created range (inclusive bounds) and the resource's filters.</summary>
internal sealed class StripeListRequest
{
    public int Limit { get; set; } = 10;

    public string? StartingAfter { get; set; }

    public string? EndingBefore { get; set; }

    public long MinCreated { get; set; } = long.MinValue;

    public long MaxCreated { get; set; } = long.MaxValue;

    public Func<StripeRecord, bool>? Filter { get; set; }
}
