using System.Text;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Csv;

/// <summary>The <c>./data</c> folder a csv harness's source reads, and files written into it.</summary>
internal static class CsvFiles
{
    /// <summary>The data folder (created if it is missing).</summary>
    public static string DataFolder(this SourceHarness harness) => Directory.CreateDirectory(Path.Combine(harness.Directory, "data")).FullName;

    /// <summary>Writes a file into the data folder from lines (joined with \n, ending in one).</summary>
    public static void WriteFile(this SourceHarness harness, string name, params string[] lines) =>
        File.WriteAllText(Path.Combine(harness.DataFolder(), name), string.Join("\n", lines) + "\n", new UTF8Encoding(false));

    public static void WriteBytes(this SourceHarness harness, string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(harness.DataFolder(), name), bytes);
}
