using System.Text;
using System.Xml;
using Greenhouse.Sandbox;

namespace Greenhouse.Tests.Ecb;

/// <summary>The fake ECB serves its three files in the feed's own layout.</summary>
public sealed class EcbFakeTests
{
    [Fact]
    public async Task Files_have_three_levels_of_namespaced_Cube_single_quotes_and_newest_first()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        using var http = new HttpClient();
        var data = sandbox.Ecb.Data;

        var history = await http.GetStringAsync($"{sandbox.VendorUrls["ecb"]}/eurofxref-hist.xml");
        var recent = await http.GetStringAsync($"{sandbox.VendorUrls["ecb"]}/eurofxref-hist-90d.xml");
        var daily = await http.GetStringAsync($"{sandbox.VendorUrls["ecb"]}/eurofxref-daily.xml");

        Assert.Contains("<Cube currency='USD' rate='", history, StringComparison.Ordinal);
        Assert.Matches("rate='[0-9.]+0'", history);
        var document = new XmlDocument();
        document.LoadXml(history);
        var names = new XmlNamespaceManager(document.NameTable);
        names.AddNamespace("e", "http://www.ecb.int/vocabulary/2002-08-01/eurofxref");
        var days = document.SelectNodes("//e:Cube/e:Cube[@time]", names)!.Cast<XmlElement>().Select(e => e.GetAttribute("time")).ToList();
        Assert.Equal(data.Days.Count, days.Count);
        Assert.Equal(days.OrderDescending(StringComparer.Ordinal), days);
        Assert.All(data.Days, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
        Assert.Equal(30, document.SelectNodes($"//e:Cube[@time='{days[0]}']/e:Cube", names)!.Count);
        Assert.InRange(Count(recent, "time='"), 55, 66);
        Assert.Equal(1, Count(daily, "time='"));
    }

    [Fact]
    public async Task Published_days_and_corrections_show_in_the_files()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(EnforceRateLimits: false));
        var data = sandbox.Ecb.Data;
        var day = data.PublishNextDay();
        data.Correct(data.Days[^5], "GBP", "0.91230");

        var daily = Encoding.UTF8.GetString(data.DailyXml());

        Assert.Contains($"time='{day:yyyy-MM-dd}'", daily, StringComparison.Ordinal);
        Assert.Contains("<Cube currency='GBP' rate='0.91230'/>", Encoding.UTF8.GetString(data.Last90DaysXml()), StringComparison.Ordinal);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
