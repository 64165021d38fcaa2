using System.Buffers;
using System.Text;
using System.Text.Json;
using Greenhouse.Sources;
using Greenhouse.Warehouse;

namespace Greenhouse.Bench;

/// <summary>Stripe-like customer objects of about 1 KB, generated one at a time (never all in memory).</summary>
internal static class CustomerGenerator
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger", "Radia"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Dijkstra", "Perlman"];

    /// <summary>
    /// Rows ready to load: typed values come from the generator's own fields, the hash is the engine's canonical hash
    /// (the JSON is written compact already); generating them is not timed, so the timings measure the database.
    /// </summary>
    public static IEnumerable<RecordRow> Rows(int count, DateTimeOffset asOf)
    {
        var buffer = new ArrayBufferWriter<byte>(1536);
        for (var i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                Write(json, i);
            }

            var bytes = buffer.WrittenMemory;
            using var document = JsonDocument.Parse(bytes);
            var (first, last, created) = Person(i);
            object?[] values =
            [
                Email(i),
                $"{first} {last}",
                DateTimeOffset.FromUnixTimeSeconds(created),
                i % 5 == 0 ? "eur" : "usd",
                i % 7 == 0 ? -500L : 0L,
                i % 23 == 0,
            ];
            yield return new RecordRow($"cus_{i:D14}", values, Encoding.UTF8.GetString(bytes.Span), CanonicalJson.Hash(document.RootElement), asOf, false);
        }
    }

    /// <summary>Customer <paramref name="i"/>'s email, as its JSON and its typed column hold it.</summary>
    public static string Email(int i)
    {
        var (first, last, _) = Person(i);
        return $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{i}@example.com";
    }

    private static (string First, string Last, long Created) Person(int i) =>
        (FirstNames[i % FirstNames.Length], LastNames[i / FirstNames.Length % LastNames.Length], 1_600_000_000L + (i * 37L % 100_000_000L));

    public static IEnumerable<SourceRecord> Generate(int count, DateTimeOffset asOf)
    {
        var buffer = new ArrayBufferWriter<byte>(1536);
        for (var i = 0; i < count; i++)
        {
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                Write(json, i);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            yield return new SourceRecord(document.RootElement.Clone(), asOf);
        }
    }

    private static void Write(Utf8JsonWriter json, int i)
    {
        var (first, last, created) = Person(i);
        json.WriteStartObject();
        json.WriteString("id", $"cus_{i:D14}");
        json.WriteString("object", "customer");
        json.WriteStartObject("address");
        json.WriteString("city", "Berlin");
        json.WriteString("country", "DE");
        json.WriteString("line1", $"{i % 300} Invalidenstraße");
        json.WriteNull("line2");
        json.WriteString("postal_code", $"{10115 + i % 900}");
        json.WriteNull("state");
        json.WriteEndObject();
        json.WriteNumber("balance", i % 7 == 0 ? -500 : 0);
        json.WriteNumber("created", created);
        json.WriteString("currency", i % 5 == 0 ? "eur" : "usd");
        json.WriteNull("default_source");
        json.WriteBoolean("delinquent", i % 23 == 0);
        json.WriteString("description", $"Customer {i} of the benchmark, on a plan since {created}");
        json.WriteNull("discount");
        json.WriteString("email", $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{i}@example.com");
        json.WriteString("invoice_prefix", $"{i:X8}");
        json.WriteStartObject("invoice_settings");
        json.WriteNull("custom_fields");
        json.WriteString("default_payment_method", $"pm_{i:D16}");
        json.WriteNull("footer");
        json.WriteNull("rendering_options");
        json.WriteEndObject();
        json.WriteBoolean("livemode", false);
        json.WriteStartObject("metadata");
        json.WriteString("account_id", $"acct-{i}");
        json.WriteString("segment", (i % 3) switch { 0 => "smb", 1 => "mid-market", _ => "enterprise" });
        json.WriteEndObject();
        json.WriteString("name", $"{first} {last}");
        json.WriteNumber("next_invoice_sequence", 1 + i % 40);
        json.WriteString("phone", $"+49 30 {i:D8}");
        json.WriteStartArray("preferred_locales");
        json.WriteStringValue("en-US");
        json.WriteEndArray();
        json.WriteNull("shipping");
        json.WriteString("tax_exempt", "none");
        json.WriteNull("test_clock");
        json.WriteString("notes", new string('x', 200));
        json.WriteEndObject();
    }

    /// <summary>A list page of the first <paramref name="count"/> customers, indented as a vendor's API sends it.</summary>
    public static byte[] Page(int count)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 1200);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            for (var i = 0; i < count; i++)
            {
                Write(json, i);
            }

            json.WriteEndArray();
            json.WriteBoolean("has_more", false);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static int AverageSize(int sample = 1000)
    {
        var total = 0;
        foreach (var record in Generate(sample, DateTimeOffset.UnixEpoch))
        {
            total += Encoding.UTF8.GetByteCount(record.Payload.GetRawText());
        }

        return total / sample;
    }
}
