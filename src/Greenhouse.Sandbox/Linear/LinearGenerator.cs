using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Sandbox.GraphQL;
using Greenhouse.Sandbox.Stripe;

namespace Greenhouse.Sandbox.Linear;

/// <summary>
/// Generates the business's Linear workspace: teams with their workflow states and cycles, the staff as users, a few
/// projects, and issues — many requested by Stripe customers (label <c>customer</c>, the customer's email and Stripe id
/// in the description), so Linear and Stripe data describe one business.
/// </summary>
internal static class LinearGenerator
{
    private static readonly (string Key, string Name)[] Teams = [("ENG", "Engineering"), ("SUP", "Support"), ("OPS", "Operations")];
    private static readonly (string Name, string Type)[] States =
        [("Backlog", "backlog"), ("Todo", "unstarted"), ("In Progress", "started"), ("Done", "completed"), ("Canceled", "canceled")];
    private static readonly string[] Labels = ["bug", "feature", "customer", "billing", "performance"];
    private static readonly string[] Topics = ["Export to CSV", "Invoice PDF layout", "Login loop on Safari", "Webhook retries", "Dark mode", "Slow dashboard", "Seat limits", "Coupon at checkout", "SSO with Google", "API rate limits"];

    public static void Generate(GraphQLFakeStore store, int seed, SandboxSize size, DateTimeOffset now, StripeFakeData stripe)
    {
        var rng = new SandboxRandom(seed, 0x11EA);
        var people = new SandboxPeople(seed + 7);
        var start = now.AddDays(-365);
        string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) => from + (to - from) * rng.NextDouble();

        var users = new List<JsonObject>();
        for (var i = 0; i < 8; i++)
        {
            var person = people[i];
            var created = Between(start, start.AddDays(30));
            var user = new JsonObject
            {
                ["id"] = Uuid(rng), ["name"] = person.Name, ["displayName"] = person.FirstName.ToLowerInvariant(), ["email"] = person.Email,
                ["active"] = i != 7, ["admin"] = i == 0, ["guest"] = false,
                ["createdAt"] = Time(created), ["updatedAt"] = Time(Between(created, now)), ["archivedAt"] = null,
            };
            users.Add(user);
            store.Add("users", user);
        }

        var teamStates = new Dictionary<string, List<JsonObject>>();
        var teamCycles = new Dictionary<string, List<JsonObject>>();
        var teams = new List<JsonObject>();
        foreach (var (key, name) in Teams)
        {
            var created = Between(start, start.AddDays(10));
            var team = new JsonObject
            {
                ["id"] = Uuid(rng), ["key"] = key, ["name"] = name, ["description"] = null, ["private"] = false,
                ["createdAt"] = Time(created), ["updatedAt"] = Time(Between(created, now)), ["archivedAt"] = null,
            };
            teams.Add(team);
            store.Add("teams", team);
            var reference = new JsonObject { ["id"] = (string)team["id"]!, ["key"] = key };
            teamStates[key] = [];
            for (var s = 0; s < States.Length; s++)
            {
                var state = new JsonObject
                {
                    ["id"] = Uuid(rng), ["name"] = States[s].Name, ["type"] = States[s].Type, ["color"] = "#5e6ad2", ["position"] = s,
                    ["createdAt"] = Time(created), ["updatedAt"] = Time(created), ["archivedAt"] = null, ["team"] = reference.DeepClone(),
                };
                teamStates[key].Add(state);
                store.Add("workflowStates", state);
            }

            teamCycles[key] = [];
            for (var c = 1; c <= 6; c++)
            {
                var starts = now.AddDays(-14 * (7 - c));
                var ended = starts.AddDays(14) < now;
                var cycle = new JsonObject
                {
                    ["id"] = Uuid(rng), ["number"] = c, ["name"] = $"{key} cycle {c}", ["progress"] = ended ? 1.0 : 0.4,
                    ["startsAt"] = Time(starts), ["endsAt"] = Time(starts.AddDays(14)), ["completedAt"] = ended ? Time(starts.AddDays(14)) : null,
                    ["createdAt"] = Time(starts.AddDays(-1)), ["updatedAt"] = Time(ended ? starts.AddDays(14) : starts), ["archivedAt"] = null,
                    ["team"] = reference.DeepClone(),
                };
                teamCycles[key].Add(cycle);
                store.Add("cycles", cycle);
            }
        }

        var projects = new List<JsonObject>();
        foreach (var name in new[] { "Self-serve billing", "Mobile app", "Data export", "Onboarding v2" })
        {
            var created = Between(start, now.AddDays(-60));
            var project = new JsonObject
            {
                ["id"] = Uuid(rng), ["name"] = name, ["description"] = null, ["state"] = rng.Pick<string>(["planned", "started", "completed"]),
                ["progress"] = Math.Round(rng.NextDouble(), 2), ["startDate"] = created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["targetDate"] = created.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["url"] = $"https://linear.app/sandbox/project/{Uuid(rng)}",
                ["createdAt"] = Time(created), ["updatedAt"] = Time(Between(created, now)), ["startedAt"] = Time(created),
                ["completedAt"] = null, ["canceledAt"] = null, ["archivedAt"] = null, ["lead"] = Ref(rng.Pick(users)),
            };
            projects.Add(project);
            store.Add("projects", project);
        }

        var customers = stripe.Ids("customers");
        var issueCount = size switch { SandboxSize.Small => 250, SandboxSize.Medium => 2_000, _ => 10_000 };
        var numbers = new Dictionary<string, int>();
        for (var i = 0; i < issueCount; i++)
        {
            var team = rng.Pick(teams);
            var key = (string)team["key"]!;
            numbers[key] = numbers.GetValueOrDefault(key) + 1;
            var state = rng.Pick(teamStates[key]);
            var type = (string)state["type"]!;
            var created = Between(start, now.AddMinutes(-5));
            var updated = Between(created, now.AddMinutes(-1));
            var labels = new JsonArray();
            var title = rng.Pick(Topics);
            var description = "";
            if (customers.Count > 0 && rng.Chance(0.4))
            {
                var customer = stripe.Get("customers", rng.Pick(customers));
                labels.Add(new JsonObject { ["id"] = "label-customer", ["name"] = "customer" });
                description = $"Requested by {(string?)customer["email"]} (Stripe customer {(string)customer["id"]!}).";
            }
            else
            {
                var label = rng.Pick<string>(Labels);
                labels.Add(new JsonObject { ["id"] = "label-" + label, ["name"] = label });
            }

            var assignee = rng.Chance(0.8) ? rng.Pick(users) : null;
            store.Add("issues", new JsonObject
            {
                ["id"] = Uuid(rng), ["identifier"] = $"{key}-{numbers[key]}", ["title"] = title, ["description"] = description,
                ["priority"] = rng.Next(5), ["estimate"] = rng.Chance(0.6) ? rng.Pick<int>([1, 2, 3, 5, 8]) : null,
                ["dueDate"] = rng.Chance(0.3) ? DueDate(created, type, now, numbers[key]) : null,
                ["url"] = $"https://linear.app/sandbox/issue/{key}-{numbers[key]}",
                ["createdAt"] = Time(created), ["updatedAt"] = Time(updated),
                ["startedAt"] = type is "started" or "completed" ? Time(created) : null,
                ["completedAt"] = type == "completed" ? Time(updated) : null, ["canceledAt"] = type == "canceled" ? Time(updated) : null,
                ["archivedAt"] = type is "completed" or "canceled" && rng.Chance(0.2) ? Time(updated) : null,
                ["state"] = new JsonObject { ["id"] = (string)state["id"]!, ["name"] = (string)state["name"]!, ["type"] = type },
                ["assignee"] = assignee is null ? null : new JsonObject { ["id"] = (string)assignee["id"]!, ["name"] = (string)assignee["name"]!, ["email"] = (string)assignee["email"]! },
                ["creator"] = Ref(rng.Pick(users)),
                ["labels"] = new JsonObject { ["nodes"] = labels },
                ["project"] = rng.Chance(0.5) ? new JsonObject { ["id"] = (string)rng.Pick(projects)["id"]! } : null,
                ["cycle"] = rng.Chance(0.5) ? new JsonObject { ["id"] = (string)rng.Pick(teamCycles[key])["id"]! } : null,
                ["team"] = new JsonObject { ["id"] = (string)team["id"]!, ["key"] = key },
            });
        }
    }

    private static JsonObject Ref(JsonObject user) => new() { ["id"] = (string)user["id"]!, ["email"] = (string)user["email"]! };

    private static string Uuid(SandboxRandom rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, rng.NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], rng.NextUInt64());
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>
    /// Three weeks after creation; an open issue whose three weeks have passed was mostly rescheduled to the coming
    /// fortnight, but one in ten still lies past due, for the demo's overdue check to find.
    /// </summary>
    private static string DueDate(DateTimeOffset created, string stateType, DateTimeOffset now, int number)
    {
        var due = created.AddDays(21);
        if (stateType is not ("completed" or "canceled") && due < now.AddDays(-2) && number % 10 != 0)
        {
            due = now.AddDays(1 + (number % 14));
        }

        return due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
