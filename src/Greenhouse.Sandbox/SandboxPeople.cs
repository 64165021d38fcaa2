namespace Greenhouse.Sandbox;

/// <summary>
/// Deterministic people for all vendor fakes: person <c>i</c> of seed <c>s</c> is always the same, so the Stripe
/// customer, the GitHub user and the Linear assignee can be one person. Emails are unique for the first
/// 14 million indices (the index maps one-to-one onto first name × last name × company).
/// </summary>
internal sealed class SandboxPeople
{
    private static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Amara", "Anna", "Arjun", "Astrid", "Ben", "Bianca", "Carlos", "Chen", "Chloe", "Daniel",
        "Diego", "Elena", "Elif", "Emma", "Ethan", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hana", "Hannah",
        "Hugo", "Ines", "Isaac", "Ivy", "Jack", "Jamal", "James", "Jana", "Jonas", "Julia", "Kai", "Kenji", "Lara",
        "Leila", "Leo", "Liam", "Lina", "Lucas", "Luis", "Maya", "Mateo", "Mei", "Mia", "Milan", "Mohammed", "Nadia",
        "Noah", "Nora", "Olivia", "Omar", "Oscar", "Paula", "Priya", "Rafael", "Ravi", "Rosa", "Ruben", "Sakura",
        "Samuel", "Sara", "Sebastian", "Sofia", "Tariq", "Theo", "Tomas", "Valentina", "Victor", "Wei", "Yara",
        "Yusuf", "Zoe", "Aisha", "Bruno", "Clara", "David", "Erik", "Farah", "Greta", "Henrik", "Ingrid", "Joao",
        "Kofi", "Lea", "Marco", "Nina", "Owen", "Pia", "Quentin", "Rania", "Stefan", "Tara", "Uma",
    ];

    private static readonly string[] LastNames =
    [
        "Adams", "Ahmed", "Alvarez", "Andersen", "Baker", "Bauer", "Becker", "Bianchi", "Brown", "Campbell", "Chen",
        "Costa", "Cruz", "Dubois", "Edwards", "Evans", "Fischer", "Fernandez", "Garcia", "Gonzalez", "Gupta", "Hall",
        "Hansen", "Hoffmann", "Hughes", "Ito", "Jackson", "Jansen", "Johnson", "Kaur", "Keller", "Khan", "Kim",
        "Klein", "Kowalski", "Larsen", "Laurent", "Lee", "Lopez", "Martin", "Meyer", "Moreau", "Morris", "Muller",
        "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novak", "Okafor", "Olsen", "Park", "Patel", "Perez", "Petrov",
        "Reyes", "Ricci", "Roberts", "Rossi", "Sanchez", "Santos", "Sato", "Schmidt", "Schneider", "Silva", "Singh",
        "Smith", "Suzuki", "Tanaka", "Taylor", "Thomas", "Torres", "Vargas", "Visser", "Wagner", "Walker", "Wang",
        "Weber", "White", "Williams", "Wilson", "Wong", "Wright", "Yamamoto", "Young", "Zhang", "Ali", "Berg",
        "Carter", "Diaz", "Eriksson", "Fontaine", "Greco", "Haddad", "Ivanova", "Jovanovic",
    ];

    private static readonly string[] CompanyWords =
    [
        "Acme", "Amber", "Apex", "Arbor", "Atlas", "Beacon", "Birch", "Blue", "Bright", "Cedar", "Cloud", "Copper",
        "Coral", "Crest", "Delta", "Ember", "Falcon", "Fern", "Forge", "Granite", "Harbor", "Helix", "Iris", "Juniper",
        "Kite", "Lumen", "Maple", "Meadow", "Nimbus", "North", "Oak", "Orbit", "Pine", "Quartz", "River", "Sage",
        "Summit", "Tidal", "Vertex", "Willow",
    ];

    private static readonly string[] CompanyNouns =
    [
        "Analytics", "Bakery", "Bikes", "Books", "Brands", "Cafe", "Capital", "Clinic", "Code", "Craft", "Data",
        "Design", "Digital", "Dynamics", "Energy", "Fitness", "Foods", "Goods", "Health", "Homes", "Insights",
        "Labs", "Learning", "Legal", "Logistics", "Media", "Metrics", "Mobility", "Motion", "Networks", "Partners",
        "Payments", "Robotics", "Studio", "Systems", "Tech", "Travel", "Ventures", "Works", "Yoga",
    ];

    private static readonly string[] Tlds = [".com", ".io", ".co", ".dev", ".app"];

    private static readonly (string Country, string[] Cities, int Weight)[] Countries =
    [
        ("US", ["San Francisco", "New York", "Austin", "Chicago", "Seattle", "Boston", "Denver"], 45),
        ("GB", ["London", "Manchester", "Bristol", "Edinburgh"], 12),
        ("DE", ["Berlin", "Munich", "Hamburg", "Cologne"], 11),
        ("FR", ["Paris", "Lyon", "Bordeaux"], 8),
        ("NL", ["Amsterdam", "Utrecht", "Rotterdam"], 6),
        ("CA", ["Toronto", "Vancouver", "Montreal"], 7),
        ("AU", ["Sydney", "Melbourne", "Brisbane"], 5),
        ("ES", ["Madrid", "Barcelona", "Valencia"], 6),
    ];

    private static readonly long[] Multipliers = [1_000_003, 2_750_159, 4_256_249, 7_368_787, 9_999_991];

    private readonly long _offset;
    private readonly long _multiplier;

    public SandboxPeople(int seed)
    {
        var mixed = SandboxRandom.Mix(seed, 0x5EED);
        _offset = (long)(mixed % (ulong)Capacity);
        _multiplier = Multipliers[(int)(mixed >> 40) % Multipliers.Length];
    }

    /// <summary>How many distinct people (and emails) there are.</summary>
    public static long Capacity => (long)FirstNames.Length * LastNames.Length * CompanyWords.Length * CompanyNouns.Length;

    public SandboxPerson this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            var x = ((index * _multiplier) + _offset) % Capacity;
            var first = FirstNames[x % FirstNames.Length];
            x /= FirstNames.Length;
            var last = LastNames[x % LastNames.Length];
            x /= LastNames.Length;
            var company = (int)x;
            var word = CompanyWords[company % CompanyWords.Length];
            var noun = CompanyNouns[company / CompanyWords.Length];
            var companyHash = SandboxRandom.Mix(company, 17);
            var domain = (word + noun).ToLowerInvariant() + Tlds[(int)(companyHash % (ulong)Tlds.Length)];
            var (country, cities) = PickCountry(companyHash >> 8);
            var city = cities[(int)((companyHash >> 24) % (ulong)cities.Length)];
            var postal = ((companyHash >> 32) % 90000 + 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new SandboxPerson(
                index,
                first,
                last,
                $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@{domain}",
                $"{word} {noun}",
                domain,
                country,
                city,
                postal);
        }
    }

    private static (string Country, string[] Cities) PickCountry(ulong hash)
    {
        var total = 0;
        foreach (var entry in Countries)
        {
            total += entry.Weight;
        }

        var pick = (int)(hash % (ulong)total);
        foreach (var (country, cities, weight) in Countries)
        {
            if (pick < weight)
            {
                return (country, cities);
            }

            pick -= weight;
        }

        return (Countries[0].Country, Countries[0].Cities);
    }
}
