namespace Greenhouse.Sources;

/// <summary>
/// A source failed in a way the user must act on (bad credential, missing resource, malformed page,
/// retries exhausted). The message names the stream, the request and what to do; it never holds a secret.
/// </summary>
public sealed class SourceException : Exception
{
    public SourceException(string message) : base(message) { }
    public SourceException(string message, Exception inner) : base(message, inner) { }
}
