using System.Text.RegularExpressions;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Sources;

/// <summary>Vendor knowledge lives only in its vendor's folder: nothing else switches on a source type.</summary>
public sealed partial class VendorFolderTests
{
    /// <summary>Each built-in type and the folder under <c>src/Greenhouse/Sources/</c> that owns it.</summary>
    private static readonly Dictionary<string, string> FolderByType = new(StringComparer.Ordinal)
    {
        ["stripe"] = "Stripe",
        ["github"] = "GitHub",
        ["linear"] = "Linear",
        ["plain"] = "Plain",
        ["sentry"] = "Sentry",
        ["buttondown"] = "Buttondown",
        ["ecb"] = "Ecb",
        ["csv"] = "Csv",
        ["rest"] = "Rest",
    };

    /// <summary><c>case "stripe":</c>, or a switch expression's arm <c>"stripe" =&gt;</c> (with or without a <c>when</c>).</summary>
    [GeneratedRegex("""case\s+"(?<type>[a-z]+)"|"(?<type>[a-z]+)"\s*(?:when\b[^=]*)?=>""")]
    private static partial Regex SwitchArm();

    [Fact]
    public void No_file_outside_a_vendors_folder_switches_on_its_type()
    {
        var found = new List<string>();
        foreach (var project in new[] { "src/Greenhouse", "src/Greenhouse.AspNetCore" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, project), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    foreach (Match match in SwitchArm().Matches(lines[i]))
                    {
                        var type = match.Groups["type"].Value;
                        if (FolderByType.TryGetValue(type, out var folder) && !relative.StartsWith($"src/Greenhouse/Sources/{folder}/", StringComparison.Ordinal))
                        {
                            found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                        }
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "A switch on a vendor's type outside its folder (ask the connector instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_sees_a_switch_arm_and_a_case_label()
    {
        Assert.Equal(["stripe", "plain"], SwitchArm().Matches("""x switch { "stripe" => 1, "plain" when y => 2 }""").Select(m => m.Groups["type"].Value));
        Assert.Equal("github", SwitchArm().Match("""case "github":""").Groups["type"].Value);
    }
}
