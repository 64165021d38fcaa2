namespace Greenhouse.Sources.Ecb;

/// <summary>One publication day of the ECB feed: its date and each currency's rate per 1 EUR, as the published decimal string.</summary>
internal sealed record EcbDay(DateOnly Date, IReadOnlyList<KeyValuePair<string, string>> Rates);
