using Greenhouse.Questions;
using Greenhouse.Tests.Infrastructure;

namespace Greenhouse.Tests.Questions;

/// <summary>Saved questions and dashboards as YAML files: exported, imported into another warehouse unchanged, re-imported as no change, and bad files named.</summary>
public sealed class QuestionFilesTests
{
    private const string TrickySql = "-- MRR: \"quoted\", 'single', #hash, ${NOT_A_VARIABLE}, ünïcode\nSELECT month,   SUM(mrr) AS mrr\n\tFROM fct_mrr\nWHERE month >= {{start_date}} [[AND plan = {{plan}}]]\nGROUP BY month";

    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Exported_files_import_into_another_warehouse_as_the_same_questions_and_again_as_no_change(string kind)
    {
        await using var source = await TestWarehouse.CreateAsync(kind);
        await using var target = await TestWarehouse.CreateAsync(kind);
        await using var from = await source.OpenMigratedAsync();
        await using var to = await target.OpenMigratedAsync();
        var store = new QuestionStore(from);
        var mrr = await store.SaveQuestionAsync(new SavedQuestion(0, "MRR by month", "Core dashboards", TrickySql, "line", "month", "mrr", "ada@example.com", At)
        {
            Parameters = [new("start_date", "date", "2026-01-01"), new("plan", "text", null)],
        });
        var churn = await store.SaveQuestionAsync(new SavedQuestion(0, "Churn / month?", "Deep dives", "SELECT 1  \n  AS churned -- a line with trailing spaces is double-quoted", null, null, null, "ada@example.com", At));
        var board = await store.AddDashboardAsync("Finance", "Core dashboards");
        await store.AddCardAsync(board, churn);
        await store.AddCardAsync(board, mrr);
        await store.AddDashboardAsync("Empty", null);
        var folder = Directory.CreateTempSubdirectory("gh-questions-").FullName;
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "questions")).FullName, "deleted-since.yml"), "name: gone\nsql: select 1\n");

        var written = QuestionFiles.Write(folder, await store.ReadQuestionsAsync(), await store.ReadDashboardsAsync());

        Assert.Equal(["dashboards/empty.yml", "dashboards/finance.yml", "questions/churn-month.yml", "questions/mrr-by-month.yml"], written.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder, "questions", "deleted-since.yml")));
        Assert.Contains("sql: |-\n  -- MRR", File.ReadAllText(Path.Combine(folder, "questions", "mrr-by-month.yml")).Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("- Churn / month?\n- MRR by month", File.ReadAllText(Path.Combine(folder, "dashboards", "finance.yml")), StringComparison.Ordinal);

        var imported = await new QuestionStore(to).ImportAsync(QuestionFiles.Read(folder), "import", At);

        Assert.Equal(new QuestionImport(2, 0, 0, 2, 0, 0), imported);
        Assert.Equal(Shape(await store.ReadQuestionsAsync()), Shape(await new QuestionStore(to).ReadQuestionsAsync()));
        Assert.Equal(
            (await store.ReadDashboardsAsync()).Select(d => (d.Name, d.Collection, string.Join("|", d.Cards.Select(c => c.Name)))),
            (await new QuestionStore(to).ReadDashboardsAsync()).Select(d => (d.Name, d.Collection, string.Join("|", d.Cards.Select(c => c.Name)))));
        Assert.Equal(new QuestionImport(0, 0, 2, 0, 0, 2), await new QuestionStore(to).ImportAsync(QuestionFiles.Read(folder), "import", At));

        // An edited SQL and a reordered dashboard are one change each; the question keeps its id and its cards.
        var before = (await new QuestionStore(to).ReadQuestionsAsync()).Single(q => q.Name == "MRR by month").Id;
        File.WriteAllText(Path.Combine(folder, "questions", "mrr-by-month.yml"), File.ReadAllText(Path.Combine(folder, "questions", "mrr-by-month.yml")).Replace("GROUP BY month", "GROUP BY 1", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(folder, "dashboards", "finance.yml"), "name: Finance\ncollection: Core dashboards\ncards: [MRR by month, Churn / month?]\n");
        Assert.Equal(new QuestionImport(0, 1, 1, 0, 1, 1), await new QuestionStore(to).ImportAsync(QuestionFiles.Read(folder), "import", At));
        var after = (await new QuestionStore(to).ReadQuestionsAsync()).Single(q => q.Name == "MRR by month");
        Assert.Equal(before, after.Id);
        Assert.EndsWith("GROUP BY 1", after.Sql, StringComparison.Ordinal);
        Assert.Equal(["MRR by month", "Churn / month?"], (await new QuestionStore(to).ReadDashboardsAsync()).Single(d => d.Name == "Finance").Cards.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Bad_files_are_named_with_line_and_key_and_nothing_is_imported(string kind)
    {
        await using var test = await TestWarehouse.CreateAsync(kind);
        await using var warehouse = await test.OpenMigratedAsync();
        var folder = Directory.CreateTempSubdirectory("gh-questions-").FullName;
        var questions = Directory.CreateDirectory(Path.Combine(folder, "questions")).FullName;
        var dashboards = Directory.CreateDirectory(Path.Combine(folder, "dashboards")).FullName;
        File.WriteAllText(Path.Combine(questions, "a.yml"), "name: A\nsql: select 1\ncolection: Deep dives\n");
        File.WriteAllText(Path.Combine(questions, "b.yml"), "name: B\n");
        File.WriteAllText(Path.Combine(questions, "c.yml"), "name: C\nsql: select {{n}}\nparameters:\n  - name: n\n    type: number\n    default: ten\n  - name: m\n    type: money\n");
        File.WriteAllText(Path.Combine(questions, "d.yml"), "name: [unclosed\n");

        var error = Assert.Throws<QuestionException>(() => QuestionFiles.Read(folder));

        Assert.Equal(
            [
                "questions/a.yml:3:1: colection: unknown key. Did you mean 'collection'? Known keys here: name, collection, sql, chart, x, y, parameters.",
                "questions/b.yml:1:1: sql: required.",
                "questions/c.yml:4:5: parameters[0]: n: 'ten' is not a number; write e.g. 100 or 2.5.",
                "questions/c.yml:7:5: parameters[1]: m: 'money' is not a parameter type; use text, number, date.",
            ],
            error.Message.Split(Environment.NewLine)[..4]);
        Assert.StartsWith("questions/d.yml:", error.Message.Split(Environment.NewLine)[4], StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message.Split(Environment.NewLine)[4], StringComparison.Ordinal);

        // Good questions with a dashboard naming one that exists nowhere: refused before anything is written.
        foreach (var file in Directory.GetFiles(questions))
        {
            File.Delete(file);
        }

        File.WriteAllText(Path.Combine(questions, "mrr.yml"), "name: MRR\nsql: select 1 as mrr\n");
        File.WriteAllText(Path.Combine(dashboards, "board.yml"), "name: Board\ncards: [MRR, Chrun]\n");
        var store = new QuestionStore(warehouse);
        await store.SaveQuestionAsync(new SavedQuestion(0, "Churn", "Deep dives", "select 2", null, null, null, "ada", At));

        var missing = await Assert.ThrowsAsync<QuestionException>(() => store.ImportAsync(QuestionFiles.Read(folder), "import", At));

        Assert.Equal("dashboards/board.yml: cards: no question named 'Chrun' in the files or the warehouse. Did you mean 'Churn'?", missing.Message);
        Assert.Equal(["Churn"], (await store.ReadQuestionsAsync()).Select(q => q.Name));
        Assert.Empty(await store.ReadDashboardsAsync());
    }

    private static List<string> Shape(IReadOnlyList<SavedQuestion> questions) =>
        [.. questions.Select(q => $"{q.Name}|{q.Collection}|{q.Sql}|{q.Chart}|{q.X}|{q.Y}|{string.Join(",", q.Parameters)}")];
}
