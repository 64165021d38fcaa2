using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>
/// The person's Stripe rows, newest first, each with its table's typed columns (amounts in the currency's minor unit,
/// <c>status</c> as Stripe says it): their customers, subscriptions with state, invoices, charges and those charges' refunds.
/// </summary>
public sealed record BillingHistory(
    IReadOnlyList<JsonObject> Customers,
    IReadOnlyList<JsonObject> Subscriptions,
    IReadOnlyList<JsonObject> Invoices,
    IReadOnlyList<JsonObject> Charges,
    IReadOnlyList<JsonObject> Refunds);
