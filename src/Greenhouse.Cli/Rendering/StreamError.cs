namespace Greenhouse.Cli.Rendering;

/// <summary>A stream's error as printed next to the stream's name: the name once, not <c>stripe.customers: stripe.customers: …</c>.</summary>
internal static class StreamError
{
    public static string Beside(string stream, string error) =>
        error.StartsWith(stream + ": ", StringComparison.Ordinal) ? error[(stream.Length + 2)..] : error;
}
