using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Stripe;

namespace Greenhouse.Sandbox.Plain;

/// <summary>
/// Generates the business's Plain workspace: every Stripe customer as a Plain customer (same email, the Stripe id as
/// <c>externalId</c>), support threads from about half of them, and the label types those threads carry.
/// </summary>
internal static class PlainGenerator
{
    private static readonly string[] LabelNames = ["Bug", "Billing", "Feature request", "Question", "Urgent"];
    private static readonly string[] Subjects = ["Can't log in", "Refund for last invoice", "How do I export my data?", "Charged twice", "Add a teammate", "Feature idea: dark mode", "API returns 500"];
    private static readonly string[] Statuses = ["TODO", "SNOOZED", "DONE"];

    public static void Generate(GraphQLFakeStore store, int seed, DateTimeOffset now, StripeFakeData stripe)
    {
        var rng = new SandboxRandom(seed, 0x9A1);
        var start = now.AddDays(-365);
        string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        JsonObject Stamp(DateTimeOffset t) => new() { ["iso8601"] = Time(t) };
        DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) => from + (to - from) * rng.NextDouble();
        static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        var labels = new List<JsonObject>();
        foreach (var name in LabelNames)
        {
            var created = Between(start, start.AddDays(5));
            var label = new JsonObject
            {
                ["id"] = rng.Id("lt_01", 24), ["name"] = name, ["icon"] = null, ["isArchived"] = false, ["archivedAt"] = null,
                ["createdAt"] = Stamp(created), ["updatedAt"] = Stamp(created),
            };
            labels.Add(label);
            store.Add("labelTypes", label);
        }

        foreach (var stripeId in stripe.Ids("customers"))
        {
            var stripeCustomer = stripe.Get("customers", stripeId);
            var created = Between(start, now.AddMinutes(-10));
            var customerId = rng.Id("c_01", 24);
            var email = (string?)stripeCustomer["email"] ?? $"{stripeId}@example.com";
            var name = (string?)stripeCustomer["name"] ?? email;
            store.Add("customers", new JsonObject
            {
                ["id"] = customerId, ["fullName"] = name, ["shortName"] = name.Split(' ')[0], ["externalId"] = stripeId,
                ["email"] = new JsonObject { ["email"] = email, ["isVerified"] = true, ["verifiedAt"] = Stamp(created) },
                ["createdAt"] = Stamp(created), ["updatedAt"] = Stamp(Earliest(Between(created, created.AddDays(30)), now.AddMinutes(-5))), ["markedAsSpamAt"] = null,
            });

            var threads = rng.Chance(0.5) ? 1 + rng.Next(3) : 0;
            for (var t = 0; t < threads; t++)
            {
                var opened = Between(created, now.AddMinutes(-5));
                // Support threads are worked on soon after they open: done within days, snoozed for up to two weeks.
                var status = rng.Pick<string>(Statuses);
                var updated = Earliest(Between(opened, opened.AddDays(status switch { "DONE" => 5, "SNOOZED" => 14, _ => 1 })), now.AddMinutes(-1));
                var label = rng.Pick(labels);
                store.Add("threads", new JsonObject
                {
                    ["id"] = rng.Id("th_01", 24), ["externalId"] = null, ["title"] = rng.Pick<string>(Subjects),
                    ["description"] = null, ["previewText"] = $"Hi, this is {name.Split(' ')[0]}…",
                    ["status"] = status, ["priority"] = rng.Next(4), ["statusChangedAt"] = Stamp(updated),
                    ["customer"] = new JsonObject { ["id"] = customerId },
                    ["labels"] = new JsonArray(new JsonObject
                    {
                        ["id"] = rng.Id("l_01", 24),
                        ["labelType"] = new JsonObject { ["id"] = (string)label["id"]!, ["name"] = (string)label["name"]! },
                    }),
                    ["assignedAt"] = null, ["createdAt"] = Stamp(opened), ["updatedAt"] = Stamp(updated),
                });
            }
        }
    }
}
