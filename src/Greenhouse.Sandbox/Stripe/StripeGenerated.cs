namespace Greenhouse.Sandbox.Stripe;

/// <summary>What <see cref="StripeGenerator"/> produces: the stores plus what later object creation builds on.</summary>
internal sealed class StripeGenerated
{
    public required Dictionary<StripeResource, StripeStore> Stores { get; init; }

    /// <summary>Continues the generator's sequence, for ids of objects created later.</summary>
    public required SandboxRandom Random { get; init; }

    public required SandboxPeople People { get; init; }

    /// <summary>How many people the generated customers used; new customers take the next ones.</summary>
    public required int PeopleUsed { get; init; }

    /// <summary>The price new subscriptions get by default.</summary>
    public required PriceModel DefaultPrice { get; init; }
}
