using System.Text.Json.Nodes;

namespace Greenhouse.Customers;

/// <summary>The person's Plain customers and support threads (newest first), and how many threads are not DONE.</summary>
public sealed record SupportHistory(IReadOnlyList<JsonObject> Customers, IReadOnlyList<JsonObject> Threads, int OpenThreads);
