namespace Greenhouse.Customers;

/// <summary>A stream whose rows are people, by connector type: the column with their email and the one with their name.</summary>
internal sealed record PersonTable(string Type, string Stream, string Label, string EmailColumn, string? NameColumn)
{
    public static PersonTable StripeCustomers { get; } = new(LandedTables.Stripe, "customers", "Stripe customer", "email", "name");

    public static PersonTable PlainCustomers { get; } = new(LandedTables.Plain, "customers", "Plain customer", "email", "full_name");

    public static PersonTable ButtondownSubscribers { get; } = new(LandedTables.Buttondown, "subscribers", "Buttondown subscriber", "email", null);

    public static PersonTable LinearUsers { get; } = new(LandedTables.Linear, "users", "Linear user", "email", "name");

    public static IReadOnlyList<PersonTable> All { get; } = [StripeCustomers, PlainCustomers, ButtondownSubscribers, LinearUsers];
}
