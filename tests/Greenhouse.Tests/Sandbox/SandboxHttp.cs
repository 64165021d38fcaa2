using System.Net.Http.Headers;
using System.Text.Json;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Sandbox;

internal static class SandboxHttp
{
    public const string Key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

    public static HttpClient Client(SandboxServer server, string? key = Key, string vendor = "stripe")
    {
        var client = new HttpClient { BaseAddress = new Uri(server.VendorUrls[vendor] + "/") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static async Task<JsonElement> GetJson(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path.TrimStart('/'));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GetRaw(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path.TrimStart('/'));
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response);
    }

    /// <summary>Every object of a list, walked with limit=100 and starting_after.</summary>
    public static async Task<List<JsonElement>> WalkAsync(this HttpClient client, string path)
    {
        var all = new List<JsonElement>();
        string? after = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        while (true)
        {
            var page = await client.GetJson($"{path}{separator}limit=100" + (after is null ? "" : $"&starting_after={after}"));
            var data = page.GetProperty("data").EnumerateArray().ToList();
            all.AddRange(data);
            if (!page.GetProperty("has_more").GetBoolean())
            {
                return all;
            }

            after = data[^1].GetProperty("id").GetString();
        }
    }
}
