namespace Greenhouse.Tests.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding <c>Greenhouse.slnx</c>, found by walking up.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Greenhouse.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Greenhouse.slnx above {AppContext.BaseDirectory}.");
    }
}
