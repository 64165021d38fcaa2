using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>Validates list and retrieve query strings the way Stripe does, and turns them into a <see cref="StripeListRequest"/>.</summary>
internal static class StripeQuery
{
    private static readonly string[] SubscriptionStatuses =
        ["active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"];

    private static readonly string[] InvoiceStatuses = ["draft", "open", "paid", "uncollectible", "void"];

    /// <summary>Checks a retrieve request's query (only <c>expand</c> is accepted); returns an error or null.</summary>
    public static IResult? ValidateRetrieve(IQueryCollection query)
    {
        foreach (var (key, _) in query)
        {
            if (!IsExpand(key))
            {
                return Unknown(key);
            }
        }

        return null;
    }

    public static IResult? Parse(StripeResource resource, IQueryCollection query, out StripeListRequest request)
    {
        request = new StripeListRequest();
        var filters = new List<Func<StripeRecord, bool>>();
        string? type = null;
        List<string>? types = null;
        foreach (var (key, values) in query)
        {
            if (IsExpand(key))
            {
                continue;
            }

            var value = values.ToString();
            var name = key.StartsWith("types[", StringComparison.Ordinal) && resource == StripeResource.Events ? "types" : key;
            if (!IsKnown(resource, name))
            {
                return Unknown(key);
            }

            if (value.Length == 0)
            {
                return StripeErrors.InvalidRequestError(
                    $"You passed an empty string for '{key}'. We assume empty values are an attempt to unset a parameter; "
                    + $"however '{key}' cannot be unset. You should remove '{key}' from your request or supply a non-empty value.",
                    key);
            }

            switch (name)
            {
                case "limit":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
                    {
                        return StripeErrors.InvalidRequestError($"Invalid integer: {value}", key, "parameter_invalid_integer");
                    }

                    if (limit < 1)
                    {
                        return StripeErrors.InvalidRequestError($"This value must be greater than or equal to 1 (it currently is '{limit}').", key);
                    }

                    if (limit > 100)
                    {
                        return StripeErrors.InvalidRequestError($"This value must be less than or equal to 100 (it currently is '{limit}').", key);
                    }

                    request.Limit = limit;
                    break;
                case "starting_after":
                    request.StartingAfter = value;
                    break;
                case "ending_before":
                    request.EndingBefore = value;
                    break;
                case "created" or "created[gt]" or "created[gte]" or "created[lt]" or "created[lte]":
                    if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at))
                    {
                        return StripeErrors.InvalidRequestError($"Invalid integer: {value}", key, "parameter_invalid_integer");
                    }

                    (request.MinCreated, request.MaxCreated) = name switch
                    {
                        "created" => (Math.Max(request.MinCreated, at), Math.Min(request.MaxCreated, at)),
                        "created[gt]" => (Math.Max(request.MinCreated, at + 1), request.MaxCreated),
                        "created[gte]" => (Math.Max(request.MinCreated, at), request.MaxCreated),
                        "created[lt]" => (request.MinCreated, Math.Min(request.MaxCreated, at - 1)),
                        _ => (request.MinCreated, Math.Min(request.MaxCreated, at)),
                    };
                    break;
                case "email":
                    filters.Add(r => r.Email == value);
                    break;
                case "customer":
                    filters.Add(r => r.Customer == value);
                    break;
                case "product":
                    filters.Add(r => r.Product == value);
                    break;
                case "subscription":
                    filters.Add(r => r.Subscription == value);
                    break;
                case "charge":
                    filters.Add(r => r.Charge == value);
                    break;
                case "price":
                    filters.Add(r => r.Prices is { } prices && prices.Contains(value));
                    break;
                case "active":
                    if (!bool.TryParse(value, out var active))
                    {
                        return StripeErrors.InvalidRequestError($"Invalid boolean: {value}", key, "parameter_invalid_boolean");
                    }

                    filters.Add(r => r.Active == active);
                    break;
                case "status" when resource == StripeResource.Subscriptions:
                    if (!SubscriptionStatuses.Contains(value))
                    {
                        return InvalidStatus(value, SubscriptionStatuses);
                    }

                    if (value == "ended")
                    {
                        filters.Add(r => r.Status is "canceled" or "incomplete_expired");
                    }
                    else if (value != "all")
                    {
                        filters.Add(r => r.Status == value);
                    }

                    break;
                case "status":
                    if (!InvoiceStatuses.Contains(value))
                    {
                        return InvalidStatus(value, InvoiceStatuses);
                    }

                    filters.Add(r => r.Status == value);
                    break;
                case "type":
                    type = value;
                    break;
                case "types":
                    types ??= [];
                    foreach (var item in values)
                    {
                        types.AddRange((item ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
                    }

                    break;
                default:
                    return Unknown(key);
            }
        }

        if (request.StartingAfter is not null && request.EndingBefore is not null)
        {
            return StripeErrors.InvalidRequestError("You may only specify one of these parameters: ending_before, starting_after.");
        }

        if (resource == StripeResource.Subscriptions && !query.ContainsKey("status"))
        {
            // Stripe leaves canceled (and expired incomplete) subscriptions out unless status says otherwise.
            filters.Add(r => r.Status is not ("canceled" or "incomplete_expired"));
        }

        if (type is not null && types is not null)
        {
            return StripeErrors.InvalidRequestError("You may only specify one of these parameters: type, types.");
        }

        if (types is { Count: > 20 })
        {
            return StripeErrors.InvalidRequestError("You may pass at most 20 values in 'types'.", "types");
        }

        if (type is not null || types is not null)
        {
            var patterns = (types ?? [type!]).Select(Glob).ToArray();
            filters.Add(r => r.Type is { } t && patterns.Any(p => p.IsMatch(t)));
        }

        request.Filter = filters.Count switch
        {
            0 => null,
            1 => filters[0],
            _ => r => filters.TrueForAll(f => f(r)),
        };
        return null;
    }

    private static bool IsExpand(string key) => key == "expand" || key.StartsWith("expand[", StringComparison.Ordinal);

    private static bool IsKnown(StripeResource resource, string name) => name switch
    {
        "limit" or "starting_after" or "ending_before" => true,
        "created" or "created[gt]" or "created[gte]" or "created[lt]" or "created[lte]" => true,
        _ => resource.Filters.Contains(name),
    };

    private static IResult Unknown(string key) =>
        StripeErrors.InvalidRequestError($"Received unknown parameter: {key}", key, "parameter_unknown");

    private static IResult InvalidStatus(string value, string[] allowed) =>
        StripeErrors.InvalidRequestError(
            $"Invalid status: must be one of {string.Join(", ", allowed)} (it currently is '{value}').",
            "status");

    /// <summary>Stripe event type patterns: <c>*</c> matches any run of characters (<c>customer.*</c>).</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
}
