namespace Greenhouse.Warehouse;

/// <summary>Webhook events: the <c>_gh_events</c> table and applying an event's object snapshot to its stream.</summary>
public interface IEventStore;
