using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenhouse.Sandbox.Stripe;

/// <summary>The fake's HTTP surface: list and retrieve for each resource, behind one filter that logs, injects faults, authenticates and rate-limits.</summary>
internal static class StripeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, StripeFake fake)
    {
        var group = routes.MapGroup("");
        group.AddEndpointFilter(fake.FilterAsync);
        foreach (var resource in StripeResource.All)
        {
            group.MapGet("/v1/" + resource.Path, (HttpContext http) => List(fake, resource, http));
            group.MapGet("/v1/" + resource.Path + "/{id}", (HttpContext http, string id) => Retrieve(fake, resource, http, id));
        }

        group.Map("/v1/{**rest}", (HttpContext http) => StripeErrors.Result(
            StatusCodes.Status404NotFound,
            StripeErrors.InvalidRequest,
            $"Unrecognized request URL ({http.Request.Method}: {fake.VendorPath(http.Request.Path)}). "
            + "Please see https://stripe.com/docs or we can help at https://support.stripe.com/."));
    }

    private static IResult List(StripeFake fake, StripeResource resource, HttpContext http)
    {
        var query = http.Request.Query;
        if (resource == StripeResource.Events && fake.IgnoreEventTypeFilter)
        {
            query = new QueryCollection(query.Where(p => p.Key != "type" && !p.Key.StartsWith("types", StringComparison.Ordinal)).ToDictionary());
        }

        var error = StripeQuery.Parse(resource, query, out var request);
        if (error is not null)
        {
            return error;
        }

        if (fake.StuckCursor)
        {
            request.StartingAfter = null;
        }

        var page = fake.Data.List(resource, request);
        if (page is not { } found)
        {
            var param = request.StartingAfter is not null ? "starting_after" : "ending_before";
            return StripeErrors.NoSuch(StatusCodes.Status400BadRequest, resource, (request.StartingAfter ?? request.EndingBefore)!, param);
        }

        var items = found.Items.ConvertAll(record => record.Json);
        if (fake.RepeatFirstRecord && items.Count > 0)
        {
            items.Insert(1, items[0]);
        }
        var size = 128;
        foreach (var item in items)
        {
            size += item.Length + 1;
        }

        var buffer = new ArrayBufferWriter<byte>(size);
        using (var w = new Utf8JsonWriter(buffer, StripeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var item in items)
            {
                w.WriteRawValue(item, skipInputValidation: true);
            }

            w.WriteEndArray();
            w.WriteBoolean("has_more", found.HasMore);
            w.WriteString("url", "/v1/" + resource.Path);
            w.WriteEndObject();
        }

        return new JsonBytesResult(StatusCodes.Status200OK, buffer.WrittenMemory);
    }

    private static IResult Retrieve(StripeFake fake, StripeResource resource, HttpContext http, string id)
    {
        if (StripeQuery.ValidateRetrieve(http.Request.Query) is { } error)
        {
            return error;
        }

        var (json, deleted) = fake.Data.Retrieve(resource, id);
        if (json is not null)
        {
            return new JsonBytesResult(StatusCodes.Status200OK, json);
        }

        if (deleted && resource.DeletedStub)
        {
            var stub = new StripeJson().Object(w =>
            {
                w.WriteString("id", id);
                w.WriteString("object", resource.ObjectName);
                w.WriteBoolean("deleted", true);
            });
            return new JsonBytesResult(StatusCodes.Status200OK, stub);
        }

        return StripeErrors.NoSuch(StatusCodes.Status404NotFound, resource, id, "id");
    }
}
