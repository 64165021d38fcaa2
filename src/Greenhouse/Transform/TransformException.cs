namespace Greenhouse.Transform;

/// <summary>A transform cannot run as asked (a bad node, a refused relation, a seed file that does not read); the message says what and where.</summary>
public sealed class TransformException : Exception
{
    public TransformException(string message) : base(message) { }
    public TransformException(string message, Exception inner) : base(message, inner) { }
}
