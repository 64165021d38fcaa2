namespace Greenhouse.Questions;

/// <summary>A question or dashboard that cannot be saved as asked (no name, a name taken, no such id), said to the person.</summary>
public sealed class QuestionException(string message) : Exception(message);
