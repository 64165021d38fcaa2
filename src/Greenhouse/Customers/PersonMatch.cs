namespace Greenhouse.Customers;

/// <summary>One person a search found, as it accumulates: their normalised email (or, without one, a GitHub login or a row's id), names, what matched, and the ids that matched.</summary>
internal sealed class PersonMatch(string? email)
{
    public string? Email { get; } = email;

    public List<string> Names { get; } = [];

    public List<string> MatchedBy { get; } = [];

    /// <summary>Rows that matched by id, per people table (a Stripe customer found by its id though it has no email).</summary>
    public Dictionary<PersonTable, HashSet<string>> Ids { get; } = [];

    public HashSet<string> Logins { get; } = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string? name, string matchedBy)
    {
        if (!string.IsNullOrWhiteSpace(name) && !Names.Contains(name, StringComparer.Ordinal))
        {
            Names.Add(name);
        }

        if (!MatchedBy.Contains(matchedBy, StringComparer.Ordinal))
        {
            MatchedBy.Add(matchedBy);
        }
    }

    public void AddId(PersonTable table, string id)
    {
        if (!Ids.TryGetValue(table, out var ids))
        {
            Ids[table] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(id);
    }

    public CustomerCandidate ToCandidate() => new(Email, Names.FirstOrDefault(), MatchedBy);
}
