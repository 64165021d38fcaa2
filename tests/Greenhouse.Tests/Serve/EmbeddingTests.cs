using System.Net;
using System.Text.Json.Nodes;
using Greenhouse.Config;
using Greenhouse.Sandbox.Webhooks;
using Greenhouse.Serve;
using Greenhouse.Serve.Webhooks;
using Greenhouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Greenhouse.Tests.Serve;

/// <summary>Greenhouse inside someone else's ASP.NET Core app: their endpoints and ours side by side.</summary>
public sealed class EmbeddingTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task An_existing_app_embeds_the_webhook_receiver_next_to_its_own_endpoints(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(SandboxVendor.Stripe, kind);
        var loaded = harness.LoadConfig();
        var config = loaded with { Sources = [loaded.Sources[0] with { WebhookSecret = new Credential("whsec_embedded", "sources.stripe.webhook_secret", null) }] };

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddGreenhouse(config, new ServeOptions { Schedule = false });
        await using var app = builder.Build();
        app.MapGet("/", () => "the business's own app");
        app.MapGreenhouseWebhooks();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal("the business's own app", await http.GetStringAsync("/"));
        var data = harness.Sandbox.Stripe.Data;
        var customer = data.Ids("customers")[0];
        data.Update("customers", customer, c => c["email"] = "embedded@example.com");
        var eventId = data.Ids("events")[0];
        var sender = new WebhookSender(http, "whsec_embedded");
        using var response = await sender.SendStripeAsync(new Uri(http.BaseAddress!, "/webhooks/stripe"), data.Event(eventId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("applied", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var row = await harness.QueryAsync($"SELECT email FROM {harness.Table("customers")} WHERE id = '{customer}'");
        Assert.Equal("embedded@example.com", row.Rows.Single()[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/readyz")).StatusCode);
    }
}
