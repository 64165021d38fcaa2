namespace Greenhouse.Transform.Project;

/// <summary>A dbt project that cannot be loaded or compiled; the message names the file (and line and column where there is one) and the problem.</summary>
public sealed class ProjectException : Exception
{
    public ProjectException(string message) : base(message) { }
    public ProjectException(string message, Exception inner) : base(message, inner) { }
}
