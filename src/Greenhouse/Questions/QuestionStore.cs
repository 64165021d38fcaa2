using System.Globalization;
using System.Text.Json;
using Greenhouse.Warehouse;

namespace Greenhouse.Questions;

/// <summary>
/// Saved questions and dashboards in the warehouse (<c>_gh_questions</c>, <c>_gh_dashboards</c>,
/// <c>_gh_dashboard_cards</c>), written in SQL both warehouses read, every value an escaped literal
/// (<see cref="WarehouseDialect.TextLiteral"/>). Names are unique; a second question or dashboard of a name is refused.
/// </summary>
public sealed class QuestionStore(IWarehouse warehouse)
{
    public const string DefaultCollection = "Saved questions";

    private string Questions => warehouse.MetadataTableSql("_gh_questions");

    private string Dashboards => warehouse.MetadataTableSql("_gh_dashboards");

    private string Cards => warehouse.MetadataTableSql("_gh_dashboard_cards");

    /// <summary>Adds the question (<see cref="SavedQuestion.Id"/> 0) or replaces the one with its id; returns its id.</summary>
    public async Task<long> SaveQuestionAsync(SavedQuestion question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        var name = Required(question.Name, "a question needs a name");
        var sql = Required(question.Sql, "a question needs its SQL");
        await RefuseTakenAsync(Questions, name, question.Id, "question", cancellationToken);
        var parameters = Parameters(question);

        var values = (Name: L(name), Collection: L(Collection(question.Collection)), Sql: L(sql), Chart: N(question.Chart), X: N(question.X), Y: N(question.Y),
            By: L(question.UpdatedBy), At: L(question.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)),
            Parameters: parameters.Count == 0 ? "NULL" : L(JsonSerializer.Serialize(parameters.Select(p => new StoredParameter(p.Name, p.Type, Blank(p.Default))), StoredParameter.Options)));
        if (question.Id == 0)
        {
            var added = await warehouse.QueryAsync(
                $"INSERT INTO {Questions} (name, collection, sql, chart, x, y, updated_by, updated_at, parameters) VALUES ({values.Name}, {values.Collection}, {values.Sql}, {values.Chart}, {values.X}, {values.Y}, {values.By}, {values.At}, {values.Parameters}) RETURNING id",
                cancellationToken);
            return Convert.ToInt64(added.Rows[0][0], CultureInfo.InvariantCulture);
        }

        var changed = await warehouse.ExecuteAsync(
            $"UPDATE {Questions} SET name = {values.Name}, collection = {values.Collection}, sql = {values.Sql}, chart = {values.Chart}, x = {values.X}, y = {values.Y}, "
            + $"updated_by = {values.By}, updated_at = {values.At}, parameters = {values.Parameters} WHERE id = {question.Id}", cancellationToken: cancellationToken);
        return changed > 0 ? question.Id : throw new QuestionException($"There is no question {question.Id}.");
    }

    /// <summary>
    /// Makes the warehouse hold what <paramref name="files"/> hold: each question by name added or changed (its id, and
    /// so its place on dashboards, kept), each dashboard by name added or changed, its cards exactly the files' list in
    /// order. Questions and dashboards the files do not name are left alone. Everything is checked before anything is
    /// written; a card naming no question, a bad parameter, throws <see cref="QuestionException"/> with every problem.
    /// </summary>
    public async Task<QuestionImport> ImportAsync(QuestionFileSet files, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var existing = (await ReadQuestionsAsync(cancellationToken)).ToDictionary(q => q.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var question in files.Questions)
        {
            try
            {
                Parameters(question);
            }
            catch (QuestionException e)
            {
                problems.Add($"question '{question.Name}': {e.Message}");
            }
        }

        var known = existing.Keys.Concat(files.Questions.Select(q => q.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var dashboard in files.Dashboards)
        {
            problems.AddRange(dashboard.Cards.Where(card => !known.Contains(card)).Select(card =>
                $"{dashboard.File}: cards: no question named '{card}' in the files or the warehouse.{Config.DidYouMean.Hint(card, known)}"));
        }

        if (problems.Count > 0)
        {
            throw new QuestionException(string.Join(Environment.NewLine, problems));
        }

        var (added, changed, unchanged) = (0, 0, 0);
        foreach (var question in files.Questions)
        {
            var current = existing.GetValueOrDefault(question.Name);
            if (current is not null && Same(current, question))
            {
                unchanged++;
                continue;
            }

            var id = await SaveQuestionAsync(question with { Id = current?.Id ?? 0, UpdatedBy = by, UpdatedAt = at }, cancellationToken);
            existing[question.Name] = question with { Id = id };
            _ = current is null ? added++ : changed++;
        }

        var dashboards = (await ReadDashboardsAsync(cancellationToken)).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var (boardsAdded, boardsChanged, boardsUnchanged) = (0, 0, 0);
        foreach (var dashboard in files.Dashboards)
        {
            var cards = dashboard.Cards.Distinct(StringComparer.Ordinal).Select(card => existing[card].Id).ToList();
            if (dashboards.GetValueOrDefault(dashboard.Name) is not { } current)
            {
                await SetCardsAsync(await AddDashboardAsync(dashboard.Name, dashboard.Collection, cancellationToken), cards, cancellationToken);
                boardsAdded++;
            }
            else if (current.Collection != dashboard.Collection || !current.Cards.Select(c => c.Id).SequenceEqual(cards))
            {
                await warehouse.ExecuteAsync($"UPDATE {Dashboards} SET collection = {L(dashboard.Collection)} WHERE id = {current.Id}", cancellationToken: cancellationToken);
                await SetCardsAsync(current.Id, cards, cancellationToken);
                boardsChanged++;
            }
            else
            {
                boardsUnchanged++;
            }
        }

        return new QuestionImport(added, changed, unchanged, boardsAdded, boardsChanged, boardsUnchanged);
    }

    /// <summary>Every question, by collection and name.</summary>
    public async Task<IReadOnlyList<SavedQuestion>> ReadQuestionsAsync(CancellationToken cancellationToken = default) =>
        Read(await warehouse.QueryAsync($"SELECT {QuestionColumns} FROM {Questions} ORDER BY collection, name", cancellationToken));

    public async Task<SavedQuestion?> FindQuestionAsync(long id, CancellationToken cancellationToken = default) =>
        Read(await warehouse.QueryAsync($"SELECT {QuestionColumns} FROM {Questions} WHERE id = {id}", cancellationToken)).SingleOrDefault();

    /// <summary>Adds a dashboard; returns its id.</summary>
    public async Task<long> AddDashboardAsync(string name, string? collection, CancellationToken cancellationToken = default)
    {
        name = Required(name, "a dashboard needs a name");
        await RefuseTakenAsync(Dashboards, name, 0, "dashboard", cancellationToken);
        var added = await warehouse.QueryAsync($"INSERT INTO {Dashboards} (name, collection) VALUES ({L(name)}, {L(Collection(collection))}) RETURNING id", cancellationToken);
        return Convert.ToInt64(added.Rows[0][0], CultureInfo.InvariantCulture);
    }

    /// <summary>Puts the question on the dashboard as its last card (once: a second time changes nothing).</summary>
    public async Task AddCardAsync(long dashboardId, long questionId, CancellationToken cancellationToken = default)
    {
        if (await FindDashboardAsync(dashboardId, cancellationToken) is null)
        {
            throw new QuestionException($"There is no dashboard {dashboardId}.");
        }

        if (await FindQuestionAsync(questionId, cancellationToken) is null)
        {
            throw new QuestionException($"There is no question {questionId}.");
        }

        await warehouse.ExecuteAsync(
            $"INSERT INTO {Cards} (dashboard_id, question_id, position) SELECT {dashboardId}, {questionId}, COALESCE(MAX(position), 0) + 1 FROM {Cards} WHERE dashboard_id = {dashboardId} "
            + "ON CONFLICT (dashboard_id, question_id) DO NOTHING", cancellationToken: cancellationToken);
    }

    /// <summary>Every dashboard with its cards, by collection and name.</summary>
    public async Task<IReadOnlyList<Dashboard>> ReadDashboardsAsync(CancellationToken cancellationToken = default)
    {
        var dashboards = await warehouse.QueryAsync($"SELECT id, name, collection FROM {Dashboards} ORDER BY collection, name", cancellationToken);
        var cards = await warehouse.QueryAsync(
            $"SELECT c.dashboard_id, q.id, q.name, q.collection, q.sql, q.chart, q.x, q.y, q.updated_by, q.updated_at, q.parameters FROM {Cards} c JOIN {Questions} q ON q.id = c.question_id ORDER BY c.dashboard_id, c.position",
            cancellationToken);
        var byDashboard = cards.Rows.ToLookup(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => Question(r[1..]));
        return [.. dashboards.Rows.Select(r =>
        {
            var id = Convert.ToInt64(r[0], CultureInfo.InvariantCulture);
            return new Dashboard(id, (string)r[1]!, (string)r[2]!, [.. byDashboard[id]]);
        })];
    }

    public async Task<Dashboard?> FindDashboardAsync(long id, CancellationToken cancellationToken = default) =>
        (await ReadDashboardsAsync(cancellationToken)).FirstOrDefault(d => d.Id == id);

    /// <summary>The question's parameters as its SQL uses them; a type that is none, or a default not of its type, throws.</summary>
    private static IReadOnlyList<QuestionParameter> Parameters(SavedQuestion question)
    {
        var parameters = QuestionSql.Parameters(question.Sql ?? "", question.Parameters);
        foreach (var parameter in parameters.Where(p => !string.IsNullOrWhiteSpace(p.Default) || !QuestionParameter.Types.Contains(p.Type)))
        {
            QuestionSql.Check(parameter, parameter.Default?.Trim() ?? "");
        }

        return parameters;
    }

    /// <summary>Whether saving <paramref name="incoming"/> over <paramref name="stored"/> would change what the question is.</summary>
    private static bool Same(SavedQuestion stored, SavedQuestion incoming) =>
        stored.Collection == Collection(incoming.Collection) && stored.Sql == incoming.Sql.Trim()
        && stored.Chart == Blank(incoming.Chart) && stored.X == Blank(incoming.X) && stored.Y == Blank(incoming.Y)
        && stored.Parameters.SequenceEqual(QuestionSql.Parameters(incoming.Sql, incoming.Parameters).Select(p => p with { Default = Blank(p.Default) }));

    /// <summary>The dashboard's cards become exactly <paramref name="questionIds"/>, in that order.</summary>
    private async Task SetCardsAsync(long dashboardId, List<long> questionIds, CancellationToken cancellationToken)
    {
        await warehouse.ExecuteAsync($"DELETE FROM {Cards} WHERE dashboard_id = {dashboardId}", cancellationToken: cancellationToken);
        for (var i = 0; i < questionIds.Count; i++)
        {
            await warehouse.ExecuteAsync($"INSERT INTO {Cards} (dashboard_id, question_id, position) VALUES ({dashboardId}, {questionIds[i]}, {i + 1})", cancellationToken: cancellationToken);
        }
    }

    private async Task RefuseTakenAsync(string table, string name, long id, string what, CancellationToken cancellationToken)
    {
        var taken = await warehouse.QueryAsync($"SELECT id FROM {table} WHERE name = {L(name)} AND id <> {id}", cancellationToken);
        if (taken.Rows.Count > 0)
        {
            throw new QuestionException($"A {what} named '{name}' exists already; give this one another name.");
        }
    }

    private static IReadOnlyList<SavedQuestion> Read(QueryResult result) => [.. result.Rows.Select(Question)];

    private const string QuestionColumns = "id, name, collection, sql, chart, x, y, updated_by, updated_at, parameters";

    private static SavedQuestion Question(object?[] r) => new(
        Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, (string)r[2]!, (string)r[3]!, Text(r[4]), Text(r[5]), Text(r[6]), (string)r[7]!, Instant(r[8]))
    {
        Parameters = Text(r[9]) is { } json
            ? [.. (JsonSerializer.Deserialize<StoredParameter[]>(json, StoredParameter.Options) ?? []).Select(p => new QuestionParameter(p.Name, p.Type, p.Default))]
            : [],
    };

    /// <summary>A parameter as <c>_gh_questions.parameters</c> holds it (a JSON array of these).</summary>
    private sealed record StoredParameter(string Name, string Type, string? Default)
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Text(object? value) => value is null or DBNull ? null : (string)value;

    private static DateTimeOffset Instant(object? value) => value switch
    {
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new QuestionException($"_gh_questions.updated_at holds {value}, not a time."),
    };

    private string L(string text) => warehouse.Dialect.TextLiteral(text);

    private string N(string? text) => string.IsNullOrWhiteSpace(text) ? "NULL" : L(text.Trim());

    private static string Collection(string? collection) => string.IsNullOrWhiteSpace(collection) ? DefaultCollection : collection.Trim();

    private static string Required(string? text, string problem) => string.IsNullOrWhiteSpace(text) ? throw new QuestionException(problem + ".") : text.Trim();
}
