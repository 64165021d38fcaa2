namespace Greenhouse.Sandbox.Webhooks;

/// <summary>How <see cref="WebhookSender"/> spoils a delivery, to test a receiver's refusals.</summary>
public enum WebhookTamper
{
    /// <summary>Correctly signed, timestamp now.</summary>
    None,

    /// <summary>Signed, then one hex digit of the signature flipped.</summary>
    BadSignature,

    /// <summary>Correctly signed, but with a timestamp ten minutes old (outside Stripe's 300 s tolerance).</summary>
    StaleTimestamp,

    /// <summary>Signed with a different secret.</summary>
    WrongSecret,

    /// <summary>No <c>Stripe-Signature</c> header at all.</summary>
    MissingSignature,
}
