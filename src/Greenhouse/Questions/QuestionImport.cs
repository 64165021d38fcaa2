namespace Greenhouse.Questions;

/// <summary>What an import of question and dashboard files changed.</summary>
public sealed record QuestionImport(int QuestionsAdded, int QuestionsChanged, int QuestionsUnchanged, int DashboardsAdded, int DashboardsChanged, int DashboardsUnchanged);
