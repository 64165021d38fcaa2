namespace Greenhouse.Sandbox.Stripe;

/// <summary>
/// The fake's JSON as a live-mode key is served it. The fake stores and renders one account in test mode
/// (<c>"livemode":false</c> in every object, the nested ones too: an event's object, an invoice's lines); a live key's
/// answer says true instead, rewritten on the way out so a test key's answers cost nothing extra.
/// </summary>
internal static class StripeLiveMode
{
    private static ReadOnlySpan<byte> TestMode => "\"livemode\":false"u8;

    private static ReadOnlySpan<byte> LiveMode => "\"livemode\":true"u8;

    /// <summary>
    /// <paramref name="json"/> with every <c>"livemode":false</c> field saying true; <paramref name="json"/> itself when it has
    /// none (an error). The fake writes JSON without spaces, and inside a string value the quotes would be escaped, so a byte
    /// search finds exactly the fields.
    /// </summary>
    public static ReadOnlyMemory<byte> Of(ReadOnlyMemory<byte> json)
    {
        var rest = json.Span;
        var fields = rest.Count(TestMode);
        if (fields == 0)
        {
            return json;
        }

        var live = new byte[json.Length - (fields * (TestMode.Length - LiveMode.Length))];
        var written = 0;
        for (var at = rest.IndexOf(TestMode); at >= 0; at = rest.IndexOf(TestMode))
        {
            rest[..at].CopyTo(live.AsSpan(written));
            LiveMode.CopyTo(live.AsSpan(written + at));
            written += at + LiveMode.Length;
            rest = rest[(at + TestMode.Length)..];
        }

        rest.CopyTo(live.AsSpan(written));
        return live;
    }
}
