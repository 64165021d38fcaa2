namespace Greenhouse.Customers;

/// <summary>
/// The answer to a search for one person: <see cref="Outcome"/> is <c>found</c> (<see cref="Customer"/> holds their
/// record), <c>ambiguous</c> (<see cref="Candidates"/> lists who matched: search again by one's email) or
/// <c>not_found</c>; <see cref="Message"/> says which, in words.
/// </summary>
public sealed record CustomerLookup(string Query, string Outcome, string Message, CustomerRecord? Customer, IReadOnlyList<CustomerCandidate> Candidates)
{
    public const string Found = "found";
    public const string Ambiguous = "ambiguous";
    public const string NotFound = "not_found";
}
