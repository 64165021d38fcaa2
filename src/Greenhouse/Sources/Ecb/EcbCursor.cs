using System.Globalization;
using System.Text.Json.Nodes;

namespace Greenhouse.Sources.Ecb;

/// <summary>
/// The committed position of <c>ecb.rates</c>: the newest day landed, and the rates of the newest
/// <see cref="RecentDays"/> days as published, so a later run can tell when the ECB corrected one of them.
/// <c>{"newest":"2025-01-03","recent":{"2025-01-03":{"USD":"1.0321",…},…}}</c>.
/// </summary>
internal sealed record EcbCursor(DateOnly? Newest, IReadOnlyDictionary<DateOnly, IReadOnlyDictionary<string, string>> Recent)
{
    /// <summary>How many publication days of rates the cursor remembers (about six weeks: corrections come within days).</summary>
    public const int RecentDays = 30;

    public static EcbCursor From(JsonNode? node)
    {
        var newest = (string?)node?["newest"] is { } text ? ParseDate(text) : null;
        var recent = new Dictionary<DateOnly, IReadOnlyDictionary<string, string>>();
        if (node?["recent"] is JsonObject days)
        {
            foreach (var (key, value) in days)
            {
                if (ParseDate(key) is { } date && value is JsonObject rates)
                {
                    recent[date] = rates.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => (string)r.Value!, StringComparer.Ordinal);
                }
            }
        }

        return new EcbCursor(newest, recent);
    }

    public JsonObject ToJson()
    {
        var recent = new JsonObject();
        foreach (var (date, rates) in Recent.OrderByDescending(d => d.Key))
        {
            recent[Text(date)] = new JsonObject(rates.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value)));
        }

        return new JsonObject { ["newest"] = Newest is { } newest ? Text(newest) : null, ["recent"] = recent };
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
