namespace Greenhouse.Webhooks;

/// <summary>Why a delivery was refused before anything was stored.</summary>
internal enum WebhookFailure
{
    /// <summary>No signature header: 400.</summary>
    MissingSignature,

    /// <summary>The header is there but unreadable, or a field the scheme needs is missing: 400.</summary>
    Malformed,

    /// <summary>No signature matches: 401.</summary>
    Mismatch,

    /// <summary>The signed timestamp is outside the tolerance (a replay, or a badly skewed clock): 400.</summary>
    StaleTimestamp,
}
