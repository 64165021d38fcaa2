namespace Greenhouse.Customers;

/// <summary>
/// What the person has paid: net succeeded charges (less refunds) per currency in minor units, and, when the identity
/// model converts it, the total in the reporting currency (major units, e.g. euros).
/// </summary>
public sealed record LifetimeValue(IReadOnlyList<MoneyAmount> ByCurrency, decimal? Reporting, string? ReportingCurrency, string Definition);
