using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Notifications;

public sealed class MessagingFakeTests
{
    [Fact]
    public async Task The_slack_fake_answers_ok_records_the_message_and_refuses_bad_payloads()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var http = new HttpClient();
        var url = $"{sandbox.VendorUrls["slack"]}/services/T123/B456/abcdefghijkl";

        using var ok = await http.PostAsJsonAsync(url, new { text = "hi", blocks = new[] { new { type = "section", text = new { type = "mrkdwn", text = "*hi*" } } } });
        using var invalid = await http.PostAsync(url, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var empty = await http.PostAsJsonAsync(url, new { username = "x" });
        using var noService = await http.PostAsJsonAsync($"{sandbox.VendorUrls["slack"]}/services/X/Y/abcdefghijkl", new { text = "hi" });

        Assert.Equal((HttpStatusCode.OK, "ok"), (ok.StatusCode, await ok.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_payload"), (invalid.StatusCode, await invalid.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "missing_text_or_fallback_or_attachments"), (empty.StatusCode, await empty.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.NotFound, "no_service"), (noService.StatusCode, await noService.Content.ReadAsStringAsync()));
        var message = Assert.Single(sandbox.Slack.Messages);
        Assert.Equal("/services/T123/B456/abcdefghijkl", message.Path);
        Assert.Equal("hi\n*hi*", message.AllText);
        Assert.Equal(4, sandbox.Slack.Requests);
    }

    [Fact]
    public async Task The_telegram_fake_takes_json_form_and_query_parameters_and_answers_telegrams_shapes()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var http = new HttpClient();
        var bot = $"{sandbox.VendorUrls["telegram"]}/bot123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

        using var json = await http.PostAsJsonAsync($"{bot}/sendMessage", new { chat_id = 42, text = "<b>hi</b>", parse_mode = "HTML" });
        using var form = await http.PostAsync($"{bot}/SENDMESSAGE", new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = "@news", ["text"] = "form" }));
        using var query = await http.GetAsync($"{bot}/sendMessage?chat_id=7&text=query");
        using var badToken = await http.PostAsJsonAsync($"{sandbox.VendorUrls["telegram"]}/botnonsense/sendMessage", new { chat_id = 42, text = "x" });
        using var noText = await http.PostAsJsonAsync($"{bot}/sendMessage", new { chat_id = 42 });

        var result = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal(42, result.GetProperty("result").GetProperty("chat").GetProperty("id").GetInt64());
        Assert.Equal("<b>hi</b>", result.GetProperty("result").GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":401,"description":"Unauthorized"}""", await badToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Equal(
            [("42", "<b>hi</b>", "HTML"), ("@news", "form", null), ("7", "query", null)],
            sandbox.Telegram.Messages.Select(m => (m.ChatId, m.Text, m.ParseMode)));
    }

    [Fact]
    public async Task The_telegram_fake_rate_limits_with_parameters_retry_after()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        sandbox.Telegram.Faults.Add(new FaultRule("/bot", FaultKind.RateLimit, RetryAfterSeconds: 35));
        using var http = new HttpClient();

        using var limited = await http.PostAsJsonAsync($"{sandbox.VendorUrls["telegram"]}/bot1:abcdefghijkl/sendMessage", new { chat_id = 1, text = "x" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(
            """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 35","parameters":{"retry_after":35}}""",
            await limited.Content.ReadAsStringAsync());
        Assert.Empty(sandbox.Telegram.Messages);
    }

    [Fact]
    public async Task The_hook_sink_records_what_is_posted()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync($"{sandbox.VendorUrls["hooks"]}/ops/greenhouse", new { level = "error" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(sandbox.Hooks.Deliveries);
        Assert.Equal("/ops/greenhouse", delivery.Path);
        Assert.Equal("""{"level":"error"}""", delivery.Body);
    }
}
