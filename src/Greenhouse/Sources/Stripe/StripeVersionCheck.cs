using System.Collections.Concurrent;
using System.Globalization;

namespace Greenhouse.Sources.Stripe;

/// <summary>
/// Notices events rendered in another API version than the pinned one. Stripe renders an event's object in the API
/// version of the webhook endpoint it is sent to (or of the account, when the event was created, for the events API),
/// whatever <c>Stripe-Version</c> a request pins. The typed columns read every documented shape, but what a version no
/// longer sends cannot be read, so the first event of each other version gives one warning per instance: a sync run
/// has one per source (warned once per version per run), the webhook receiver one per source for the life of the
/// process (once per version until it restarts).
/// </summary>
internal sealed class StripeVersionCheck(string pinned, bool webhook)
{
    /// <summary>From 2025-03-31.basil a charge no longer names its invoice and a subscription's discounts are ids.</summary>
    private const string Basil = "2025-03-31";

    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    /// <summary>A warning the first time an event of a version other than the pinned one is seen; otherwise null.</summary>
    public string? Check(StripeEvent stripeEvent)
    {
        if (stripeEvent.ApiVersion is not { } version || version == pinned || !_warned.TryAdd(version, 0))
        {
            return null;
        }

        var lost = string.CompareOrdinal(Day(version), Basil) >= 0 && string.CompareOrdinal(Day(pinned), Basil) < 0
            ? " Objects of that version no longer carry a charge's invoice (charges.invoice) or a subscription's coupon (discounts are ids: "
                + "subscriptions.coupon), so rows such events write hold null there until a full refresh lists them again."
            : "";
        var advice = webhook
            ? $"Pin the webhook endpoint's API version to {pinned} (the endpoint's api_version, chosen when it is created) so its events have the shape syncs read. "
                + $"Not repeated for {version} until the receiver restarts."
            : $"The events API renders each event in the account's API version of the time it was created. Not repeated for {version} in this run.";
        return string.Create(CultureInfo.InvariantCulture,
            $"Stripe event {stripeEvent.Id} ({stripeEvent.Type}) is rendered in API version {version}, not the pinned {pinned}; "
            + $"its typed columns are read from either version's shape.{lost} {advice}");
    }

    private static string Day(string version) => version.Length >= Basil.Length ? version[..Basil.Length] : version;
}
