using System.Globalization;
using System.Text.Json;
using Greenhouse.Customers;
using Greenhouse.Sandbox.Demo;
using Greenhouse.Sync;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Project;
using Greenhouse.Tests.Infrastructure;
using Greenhouse.Tests.Mcp;
using Greenhouse.Transform.Running;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Customers;

/// <summary>
/// The customer 360 when the demo project's <c>dim_customers</c> is built: the model is the identity and gives the
/// lifetime value in the reporting currency; and an MCP client over HTTP calls <c>lookup_customer</c>.
/// </summary>
public sealed class CustomerModelLookupTests
{
    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task With_dim_customers_built_the_model_is_the_identity_and_an_mcp_client_looks_up_the_same_person(string kind)
    {
        await using var harness = await SourceHarness.StartAsync([.. CustomerLookupTests.Vendors, SandboxVendor.Ecb], kind);
        var schema = harness.Warehouse.ModelSchema();
        var folder = DemoProject.WriteTo(Path.Combine(harness.Directory, "transform"));
        harness.WriteConfig(top: $"transform: {{project: ./transform, schema: {schema}}}");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var person = SandboxPerson360.InEveryVendor(harness.Sandbox);
        await using (var warehouse = harness.Warehouse.Open())
        {
            var project = DemoProject.Parse(folder, harness.LoadConfig(), warehouse, DateTimeOffset.UtcNow, schema);
            Assert.Equal(RunStatus.Succeeded, (await new TransformRunner(warehouse, TimeProvider.System).RunAsync(project.TransformNodes, new TransformRunOptions(Trigger: "test"))).Status);
        }

        await using (var warehouse = harness.Warehouse.Open())
        {
            var dim = warehouse.ModelRelation(schema, "dim_customers").Sql;
            var modelled = (await warehouse.QueryAsync($"SELECT name, lifetime_value, lifetime_value_reporting, reporting_currency FROM {dim} WHERE email = '{person.Email}'")).Rows.Single();
            var service = new CustomerService(harness.LoadConfig(), warehouse);

            var lookup = await service.LookupAsync(person.Email);

            Assert.Equal(CustomerLookup.Found, lookup.Outcome);
            var customer = lookup.Customer!;
            Assert.Equal("model", customer.Identity.Kind);
            Assert.Equal(dim.Replace("\"", "", StringComparison.Ordinal), customer.Identity.Relation);
            Assert.Equal(person.Email, (string?)customer.Identity.Row!["email"]);
            Assert.Equal((string)modelled[0]!, customer.Name);
            Assert.Equal(Convert.ToDecimal(modelled[2], CultureInfo.InvariantCulture), customer.LifetimeValue!.Reporting);
            Assert.Equal((string)modelled[3]!, customer.LifetimeValue.ReportingCurrency);
            Assert.Equal(Convert.ToInt64(modelled[1], CultureInfo.InvariantCulture), customer.LifetimeValue.ByCurrency.Sum(a => a.MinorUnits));
            Assert.DoesNotContain(customer.Notes, n => n.Contains("has no row", StringComparison.Ordinal));
            person.AssertMatches(customer with { LifetimeValue = customer.LifetimeValue with { Reporting = null } });
            Assert.Equal(CustomerLookup.Found, (await service.LookupAsync(person.Login)).Outcome);
        }

        var token = await McpSessions.AddTokenAsync(harness, "support-bot");
        var (app, address) = await McpSessions.ServeAsync(harness);
        await using var _ = app;
        await using var client = await McpSessions.HttpAsync(address, token.Token);
        var tool = (await client.ListToolsAsync()).Single(t => t.Name == "lookup_customer");
        Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint);

        var answer = await McpSessions.CallAsync(client, "lookup_customer", new() { ["query"] = person.StripeIds[0] });

        Assert.Equal("found", answer.GetProperty("outcome").GetString());
        var json = answer.GetProperty("customer");
        Assert.Equal(person.Email, json.GetProperty("email").GetString());
        Assert.Equal("model", json.GetProperty("identity").GetProperty("kind").GetString());
        Assert.Equal(person.StripeIds, json.GetProperty("ids").GetProperty("stripe_customers").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal([person.Login], json.GetProperty("ids").GetProperty("github_logins").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(person.Invoices.Order(StringComparer.Ordinal), json.GetProperty("stripe").GetProperty("invoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(person.Threads.Count, json.GetProperty("plain").GetProperty("threads").GetArrayLength());
        Assert.Equal(person.Issues.Count, json.GetProperty("github").GetProperty("issues").GetArrayLength());
        Assert.Equal(person.SubscriberType, json.GetProperty("buttondown").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("lifetime_value").GetProperty("reporting").ValueKind);
        var timeline = json.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.NotEmpty(timeline);
        Assert.Equal(timeline.OrderDescending(), timeline);

        var unknown = await McpSessions.CallAsync(client, "lookup_customer", new() { ["query"] = "nobody@nowhere.example" });
        Assert.Equal("not_found", unknown.GetProperty("outcome").GetString());
        Assert.Contains("No one matches", unknown.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task The_identity_model_named_in_greenhouse_yml_is_used_and_one_that_is_not_built_is_named_in_the_notes(string kind)
    {
        await using var harness = await SourceHarness.StartAsync(CustomerLookupTests.Vendors, kind);
        var schema = harness.Warehouse.ModelSchema();
        var folder = Path.Combine(harness.Directory, "transform");
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        File.WriteAllText(Path.Combine(folder, "dbt_project.yml"), "name: people_shop\n");
        File.WriteAllText(Path.Combine(folder, "models", "people.sql"), """
            {{ config(materialized='table') }}
            select lower(trim(email)) as email, 'Person ' || name as name
            from {{ source('stripe', 'customers') }}
            where email is not null
            """);
        harness.WriteConfig(top: $"transform: {{project: ./transform, schema: {schema}}}\ncustomers: {{identity: people}}");
        Assert.Equal(RunStatus.Succeeded, (await harness.SyncAsync()).Status);
        var person = SandboxPerson360.InEveryVendor(harness.Sandbox);

        await using (var warehouse = harness.Warehouse.Open())
        {
            var notBuilt = await new CustomerService(harness.LoadConfig(), warehouse).LookupAsync(person.Email);
            Assert.Equal("emails", notBuilt.Customer!.Identity.Kind);
            Assert.Contains(notBuilt.Customer.Notes, n => n.StartsWith("customers: identity: in greenhouse.yml names people, which is not built in ", StringComparison.Ordinal));

            var config = harness.LoadConfig();
            var project = ProjectCompiler.Parse(ProjectLoader.Load(folder), warehouse, new CompileSettings
            {
                TargetSchema = schema,
                RawSchema = config.Schema,
                Streams = [.. SyncPlan.For(config).Streams],
                RunStartedAt = DateTimeOffset.UtcNow,
            });
            Assert.Equal(RunStatus.Succeeded, (await new TransformRunner(warehouse, TimeProvider.System).RunAsync(project.TransformNodes, new TransformRunOptions(Trigger: "test"))).Status);

            var lookup = await new CustomerService(config, warehouse).LookupAsync(person.Email);

            Assert.Equal(CustomerLookup.Found, lookup.Outcome);
            Assert.Equal("model", lookup.Customer!.Identity.Kind);
            Assert.EndsWith("people", lookup.Customer.Identity.Relation, StringComparison.Ordinal);
            Assert.Equal($"Person {person.Name}", lookup.Customer.Name);
            Assert.DoesNotContain(lookup.Customer.Notes, n => n.Contains("customers: identity:", StringComparison.Ordinal));
            Assert.Equal(CustomerLookup.Found, (await new CustomerService(config, warehouse).LookupAsync($"Person {person.Name}")).Outcome);
        }
    }
}
