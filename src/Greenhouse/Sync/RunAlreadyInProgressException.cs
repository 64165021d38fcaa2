namespace Greenhouse.Sync;

/// <summary>Another sync or transform holds the warehouse's run lock and the config says not to wait.</summary>
public sealed class RunAlreadyInProgressException(string message) : Exception(message);
