namespace Greenhouse.Sandbox;

/// <summary>Writes ready-made JSON bytes with a status code (fakes answer byte-for-byte what they stored).</summary>
internal sealed class JsonBytesResult(int statusCode, ReadOnlyMemory<byte> body) : BytesResult(statusCode, "application/json", body);
