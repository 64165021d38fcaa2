namespace Greenhouse.Tests.Infrastructure;

/// <summary>One request a <see cref="RecordingServer"/> received.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
