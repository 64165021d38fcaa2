namespace Greenhouse.Customers;

/// <summary>One thing that happened to the person, in any source: when, where (<c>stripe.invoices</c>), what (<c>invoice paid</c>), the row's id and a line on it.</summary>
public sealed record TimelineEvent(DateTimeOffset At, string Stream, string Kind, string Id, string Summary);
