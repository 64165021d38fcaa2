namespace Greenhouse.Customers;

/// <summary>An amount in one currency's minor unit (cents), and how many charges make it.</summary>
public sealed record MoneyAmount(string Currency, long MinorUnits, long Charges);
