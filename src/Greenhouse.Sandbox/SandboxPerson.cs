namespace Greenhouse.Sandbox;

/// <summary>A fake person working at a fake company; the same index means the same person in every vendor fake.</summary>
internal sealed record SandboxPerson(
    int Index,
    string FirstName,
    string LastName,
    string Email,
    string Company,
    string Domain,
    string Country,
    string City,
    string PostalCode)
{
    public string Name => FirstName + " " + LastName;
}
