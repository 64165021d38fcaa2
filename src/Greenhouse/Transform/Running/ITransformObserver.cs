using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Running;

/// <summary>Hears a transform run's progress (the CLI draws it; the scheduler logs it). Called from one task at a time.</summary>
public interface ITransformObserver
{
    void NodeStarted(TransformNode node) { }

    void NodeFinished(TransformNode node, ModelRunRecord result) { }

    /// <summary>The warehouse lock is held by another run and the options say to wait.</summary>
    void Waiting(string message) { }

    public static ITransformObserver None { get; } = new NoObserver();

    private sealed class NoObserver : ITransformObserver;
}
