using System.Globalization;
using System.Text.Json.Nodes;
using Greenhouse.Catalog;
using Greenhouse.Config;
using Greenhouse.Query;
using Greenhouse.Warehouse;

namespace Greenhouse.Customers;

/// <summary>
/// The customer 360: finds a person by email, name or any vendor id (a Stripe <c>cus_…</c>, a Plain customer id, a
/// Buttondown subscriber id, a Linear user id, a GitHub login) and gathers everything the landed tables hold about them
/// into one <see cref="CustomerRecord"/>. The identity is a model: the transform project's <c>dim_customers</c> when it
/// is built (or the model <c>customers: identity:</c> names in greenhouse.yml), otherwise normalised emails (trimmed, lower case) matched
/// across the landed tables, so it works on a warehouse with no project. Every read goes through the read-only path
/// with a row limit and a timeout; searched values travel as escaped literals (<see cref="CustomerSql"/>); emails and
/// logins are compared as <c>lower(column)</c>, which the warehouse indexes (<see cref="Sources.ColumnSpec.CaseInsensitive"/>).
/// What the MCP tool <c>lookup_customer</c> and the web UI's customer page call.
/// </summary>
/// <param name="warehouse">The process's warehouse; the caller owns it.</param>
public sealed class CustomerService(GreenhouseConfig config, IWarehouse warehouse, CustomerOptions? options = null)
{
    private const string LtvDefinition = "net succeeded charges (amount less amount_refunded) per currency, in minor units";

    private readonly CustomerSql _sql = new(warehouse.Dialect);

    public CustomerOptions Options { get; } = options ?? new CustomerOptions();

    /// <summary>The model whose rows are the people when no <c>customers: identity:</c> names another.</summary>
    public const string DefaultIdentityModel = "dim_customers";

    private string IdentityModelName => config.CustomerIdentity ?? DefaultIdentityModel;

    private string ModelSchema => Options.ModelSchema ?? config.Transform?.Schema ?? Transform.Compiling.CompileSettings.DefaultSchema;

    /// <summary>
    /// Looks up <paramref name="query"/>: an email (any case) finds the person with that normalised email; otherwise
    /// a vendor id or GitHub login that matches exactly wins; otherwise a part of a name. One person: their record; more:
    /// the candidates; none: a message that says where it looked.
    /// </summary>
    public async Task<CustomerLookup> LookupAsync(string query, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(query, cancellationToken) is not var (text, tables, model, identityProblem, matches))
        {
            return new CustomerLookup(query, CustomerLookup.NotFound,
                "Give an email address, a name, or a vendor id (a Stripe cus_… id, a Plain customer id, a Buttondown subscriber id, a Linear user id, a GitHub login).", null, []);
        }

        if (matches.Count == 0)
        {
            var searched = string.Join(", ", tables.Names.Concat(model is null ? [] : [model.Name]));
            var message = searched.Length == 0
                ? $"No one matches '{text}': no table that holds people is synced yet (Stripe customers, Plain customers, Buttondown subscribers, Linear users, GitHub issues)."
                : $"No one matches '{text}' by email, vendor id, GitHub login or name (searched {searched}). Check the spelling, or search by email.";
            return new CustomerLookup(query, CustomerLookup.NotFound, identityProblem is null ? message : $"{message} Note: {identityProblem}", null, []);
        }

        if (matches.Count > 1)
        {
            var shown = matches.Take(Options.MaxCandidates).Select(m => m.ToCandidate()).ToList();
            var more = matches.Count > shown.Count ? string.Create(CultureInfo.InvariantCulture, $" (the first {shown.Count} are listed)") : "";
            return new CustomerLookup(query, CustomerLookup.Ambiguous,
                string.Create(CultureInfo.InvariantCulture, $"{matches.Count} people match '{text}'{more}; look one up by its email (or id) for their record."), null, shown);
        }

        var record = await RecordAsync(matches[0], tables, model, identityProblem, cancellationToken);
        return new CustomerLookup(query, CustomerLookup.Found, $"Found {record.Name ?? record.Email ?? text}{(record.Email is { } e ? $" <{e}>" : "")}.", record, []);
    }

    /// <summary>
    /// The search alone, what a search box lists: the people <paramref name="query"/> matches (as <see cref="LookupAsync"/>
    /// finds them), at most <see cref="CustomerOptions.MaxCandidates"/>, without gathering anyone's record.
    /// </summary>
    public async Task<IReadOnlyList<CustomerCandidate>> SearchAsync(string query, CancellationToken cancellationToken = default) =>
        await FindAsync(query, cancellationToken) is { } found ? [.. found.Matches.Take(Options.MaxCandidates).Select(m => m.ToCandidate())] : [];

    /// <summary>The search both <see cref="LookupAsync"/> and <see cref="SearchAsync(string, CancellationToken)"/> run; null for text that cannot name anyone (blank, or holding NUL).</summary>
    private async Task<(string Text, LandedTables Tables, IdentityModel? Model, string? IdentityProblem, List<PersonMatch> Matches)?> FindAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Trim();
        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        await warehouse.CheckReadableAsync(metadata: false, cancellationToken);
        var tables = await LandedTables.FindAsync(config, warehouse, cancellationToken);
        var (model, identityProblem) = await IdentityModelAsync(cancellationToken);
        return (text, tables, model, identityProblem, await SearchAsync(text, tables, model, cancellationToken));
    }

    private async Task<List<PersonMatch>> SearchAsync(string text, LandedTables tables, IdentityModel? model, CancellationToken cancellationToken)
    {
        var matches = new Dictionary<string, PersonMatch>(StringComparer.Ordinal);
        PersonMatch Person(string? email, string fallbackKey)
        {
            var key = email ?? fallbackKey;
            if (!matches.TryGetValue(key, out var match))
            {
                matches[key] = match = new PersonMatch(email);
            }

            return match;
        }

        async Task FindPeopleAsync(Func<PersonTable, string?> condition, string how)
        {
            foreach (var people in PersonTable.All)
            {
                foreach (var table in tables.Of(people))
                {
                    if (condition(people) is not { } where)
                    {
                        continue;
                    }

                    var name = people.NameColumn is { } n && table.Columns.Contains(n) ? _sql.Quote(n) : "NULL";
                    var rows = await ReadAsync($"SELECT {_sql.Quote("id")}, {_sql.Quote(people.EmailColumn)}, {name} FROM {table.Sql} WHERE {Live} AND {where}", Options.MaxCandidates + 1, cancellationToken);
                    foreach (var row in rows.Rows)
                    {
                        var id = Convert.ToString(row[0], CultureInfo.InvariantCulture)!;
                        var match = Person(Normalise(row[1] as string), $"{table.Name}:{id}");
                        match.Add(row[2] as string, $"{how} in {table.Name}");
                        match.AddId(people, id);
                    }
                }
            }

            if (model is not null && condition(ModelPeople) is { } modelCondition)
            {
                var name = model.Has("name") ? _sql.Quote("name") : "NULL";
                var rows = await ReadAsync($"SELECT {_sql.Quote(IdentityModel.EmailColumn)}, {name} FROM {model.Relation.Sql} WHERE {modelCondition}", Options.MaxCandidates + 1, cancellationToken);
                foreach (var row in rows.Rows)
                {
                    if (Normalise(row[0] as string) is { } email)
                    {
                        Person(email, email).Add(row[1] as string, $"{how} in {model.Name}");
                    }
                }
            }
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            var email = Normalise(text)!;
            await FindPeopleAsync(people => _sql.LowerEquals(people.EmailColumn, email), "email");
            return [.. matches.Values];
        }

        // A vendor id: each people table's key (its primary key index answers it).
        await FindPeopleAsync(people => people == ModelPeople ? null : $"{_sql.Quote("id")} = {_sql.Text(text)}", "id");

        // A GitHub login (lower(user_login) is indexed), linked to an email by the model's github_login or by the email's local part.
        foreach (var login in await LoginsAsync(tables, [text], cancellationToken))
        {
            var before = matches.Count;
            if (model?.Has(GitHubLoginColumn) == true)
            {
                var rows = await ReadAsync($"SELECT {_sql.Quote(IdentityModel.EmailColumn)} FROM {model.Relation.Sql} WHERE {_sql.LowerEquals(GitHubLoginColumn, login)}", Options.MaxCandidates + 1, cancellationToken);
                foreach (var email in rows.Rows.Select(r => Normalise(r[0] as string)).OfType<string>())
                {
                    Person(email, email).Add(null, $"GitHub login {login} ({model.Name}.{GitHubLoginColumn})");
                }
            }
            else
            {
                var localParts = LocalPartsOf(login);
                await FindPeopleAsync(people => CustomerSql.Any(localParts.Select(part => _sql.LowerStartsWith(people.EmailColumn, part + "@"))), $"GitHub login {login} (the email's local part)");
            }

            if (matches.Count == before && !matches.Values.Any(m => m.Logins.Contains(login)))
            {
                Person(null, "github:" + login).Add(login, "GitHub login (linked to no email)");
            }

            foreach (var match in matches.Values)
            {
                if (match.MatchedBy.Any(m => m.StartsWith("GitHub login", StringComparison.Ordinal)))
                {
                    match.Logins.Add(login);
                }
            }
        }

        if (matches.Count > 0)
        {
            return [.. matches.Values];
        }

        await FindPeopleAsync(people => people.NameColumn is { } name && (people != ModelPeople || model?.Has(name) == true) ? _sql.LowerContains(name, text) : null, "name");
        return [.. matches.Values];
    }

    /// <summary>The logins among <paramref name="candidates"/> (any case) that opened a GitHub issue or pull request, as GitHub spells them.</summary>
    private async Task<List<string>> LoginsAsync(LandedTables tables, IEnumerable<string> candidates, CancellationToken cancellationToken)
    {
        var logins = new List<string>();
        var wanted = candidates.Where(c => c.Length is > 0 and <= 39 && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_')).ToList();
        foreach (var table in tables.Of(LandedTables.GitHub, "issues").Concat(tables.Of(LandedTables.GitHub, "pull_requests")))
        {
            if (_sql.LowerIn(UserLogin, wanted) is not { } condition)
            {
                continue;
            }

            var rows = await ReadAsync($"SELECT DISTINCT {_sql.Quote(UserLogin)} FROM {table.Sql} WHERE {Live} AND {condition}", 50, cancellationToken);
            logins.AddRange(rows.Rows.Select(r => r[0] as string).OfType<string>().Where(l => !logins.Contains(l, StringComparer.OrdinalIgnoreCase)));
        }

        return logins;
    }

    private async Task<CustomerRecord> RecordAsync(PersonMatch match, LandedTables tables, IdentityModel? model, string? identityProblem, CancellationToken cancellationToken)
    {
        var notes = identityProblem is null ? new List<string>() : [identityProblem];
        var email = match.Email;
        JsonObject? modelRow = null;
        if (model is not null && email is not null)
        {
            var rows = await ReadAsync($"SELECT * FROM {model.Relation.Sql} WHERE {_sql.LowerEquals(IdentityModel.EmailColumn, email)}", 2, cancellationToken);
            modelRow = rows.Rows.Count > 0 ? ToJson(rows, rows.Rows[0]) : null;
            if (modelRow is null)
            {
                notes.Add($"{model.Name} has no row for {email} (it may need a rebuild): the landed tables were matched by email.");
            }
        }

        var identity = model is not null && modelRow is not null
            ? new CustomerIdentity("model", model.Name, modelRow, $"the row of {model.Name} for {email}; the vendors' rows are those with this normalised email")
            : new CustomerIdentity("emails", null, null, email is null
                ? "no email links this person: only the rows that matched the search"
                : $"the landed rows whose email, trimmed and in lower case, is {email}");

        // Stripe
        var stripeIds = new HashSet<string>(match.Ids.GetValueOrDefault(PersonTable.StripeCustomers) ?? [], StringComparer.Ordinal);
        if (modelRow?["stripe_customer_id"]?.GetValue<string>() is { } modelled)
        {
            stripeIds.Add(modelled);
        }

        BillingHistory? stripe = null;
        LifetimeValue? lifetime = null;
        var stripeCustomers = await PeopleAsync(PersonTable.StripeCustomers, email, stripeIds, tables, notes, cancellationToken);
        if (stripeCustomers is not null)
        {
            stripeIds.UnionWith(stripeCustomers.Select(Id));
            var subscriptions = await RowsAsync(tables.Of(LandedTables.Stripe, "subscriptions"), _sql.In("customer", stripeIds), "created", notes, cancellationToken);
            var invoices = await RowsAsync(tables.Of(LandedTables.Stripe, "invoices"), _sql.In("customer", stripeIds), "created", notes, cancellationToken);
            var charges = await RowsAsync(tables.Of(LandedTables.Stripe, "charges"), _sql.In("customer", stripeIds), "created", notes, cancellationToken);
            var refunds = await RowsAsync(tables.Of(LandedTables.Stripe, "refunds"), _sql.In("charge", charges.Select(Id)), "created", notes, cancellationToken);
            stripe = new BillingHistory(stripeCustomers, subscriptions, invoices, charges, refunds);
            lifetime = await LifetimeValueAsync(tables, stripeIds, modelRow, cancellationToken);
        }

        // Plain
        SupportHistory? plain = null;
        var plainCustomers = await PeopleAsync(PersonTable.PlainCustomers, email, match.Ids.GetValueOrDefault(PersonTable.PlainCustomers), tables, notes, cancellationToken);
        if (plainCustomers is not null)
        {
            var threads = await RowsAsync(tables.Of(LandedTables.Plain, "threads"), _sql.In("customer_id", plainCustomers.Select(Id)), "created_at", notes, cancellationToken);
            plain = new SupportHistory(plainCustomers, threads, threads.Count(t => Text(t, "status") is { } s && s != "DONE"));
        }

        // Buttondown
        var subscribers = await PeopleAsync(PersonTable.ButtondownSubscribers, email, match.Ids.GetValueOrDefault(PersonTable.ButtondownSubscribers), tables, notes, cancellationToken, "creation_date");
        var buttondown = subscribers is null ? null : new NewsletterHistory(subscribers, subscribers.Select(s => Text(s, "type")).FirstOrDefault());

        // GitHub
        var github = await CodeAsync(match, email, tables, model, modelRow, notes, cancellationToken);

        // Linear
        BacklogHistory? linear = null;
        var linearUsers = await PeopleAsync(PersonTable.LinearUsers, email, match.Ids.GetValueOrDefault(PersonTable.LinearUsers), tables, notes, cancellationToken);
        var linearIssues = tables.Of(LandedTables.Linear, "issues");
        if (linearUsers is not null || linearIssues.Count > 0)
        {
            var mentions = CustomerSql.Any([email is null ? null : _sql.LowerContains("description", email), .. stripeIds.Select(id => _sql.Contains("description", id))]);
            var requested = await RowsAsync(linearIssues, mentions, "created_at", notes, cancellationToken);
            linear = new BacklogHistory(linearUsers ?? [], requested,
                "issues whose description names the person's email or one of their Stripe customer ids");
        }

        var sentry = tables.Configured(LandedTables.Sentry)
            ? "Sentry's landed tables (projects, issues, releases) name no person (an issue counts its users, it does not list them), so none of it is linked to a customer."
            : null;

        var name = (modelRow?["name"] as JsonValue)?.GetValue<string>()
            ?? stripeCustomers?.Select(c => Text(c, "name")).FirstOrDefault(n => n is not null)
            ?? plainCustomers?.Select(c => Text(c, "full_name")).FirstOrDefault(n => n is not null)
            ?? linearUsers?.Select(c => Text(c, "name")).FirstOrDefault(n => n is not null)
            ?? match.Names.FirstOrDefault();
        var ids = new CustomerIds(
            [.. stripeIds.Order(StringComparer.Ordinal)],
            [.. (plainCustomers ?? []).Select(Id)],
            github?.Logins ?? [],
            [.. (subscribers ?? []).Select(Id)],
            [.. (linearUsers ?? []).Select(Id)]);
        var timeline = CustomerTimeline.Of(stripe, plain, buttondown, github, linear, linearUsers);
        return new CustomerRecord(email, name, identity, ids, stripe, lifetime, plain, buttondown, github, linear, sentry, timeline, notes);
    }

    private async Task<CodeHistory?> CodeAsync(PersonMatch match, string? email, LandedTables tables, IdentityModel? model, JsonObject? modelRow, List<string> notes, CancellationToken cancellationToken)
    {
        var issueTables = tables.Of(LandedTables.GitHub, "issues");
        var pullTables = tables.Of(LandedTables.GitHub, "pull_requests");
        if (issueTables.Count + pullTables.Count == 0)
        {
            return null;
        }

        var candidates = new HashSet<string>(match.Logins, StringComparer.OrdinalIgnoreCase);
        string matchedBy;
        if (model?.Has(GitHubLoginColumn) == true)
        {
            if ((modelRow?[GitHubLoginColumn] as JsonValue)?.GetValue<string>() is { } modelled)
            {
                candidates.Add(modelled);
            }

            matchedBy = $"the login in {model.Name}.{GitHubLoginColumn}";
        }
        else
        {
            if (email is not null)
            {
                candidates.UnionWith(LocalPartsOf(email[..email.IndexOf('@', StringComparison.Ordinal)]));
            }

            matchedBy = "GitHub gives no emails: a login is linked when it is the email's local part (as is, or with '-' for '.')";
        }

        var logins = await LoginsAsync(tables, candidates, cancellationToken);
        var condition = _sql.LowerIn(UserLogin, logins);
        var opened = await RowsAsync(issueTables, condition, "created_at", notes, cancellationToken);
        var issues = opened.Where(i => Text(i, "pull_request_url") is null).ToList();
        var pulls = pullTables.Count > 0
            ? await RowsAsync(pullTables, condition, "created_at", notes, cancellationToken)
            : [.. opened.Where(i => Text(i, "pull_request_url") is not null)];
        return new CodeHistory(logins, issues, pulls, matchedBy);
    }

    /// <summary>The rows of a people table with <paramref name="email"/> or one of <paramref name="ids"/>; null when the table is not landed.</summary>
    private async Task<List<JsonObject>?> PeopleAsync(PersonTable people, string? email, IEnumerable<string>? ids, LandedTables tables, List<string> notes,
        CancellationToken cancellationToken, string? newestFirst = null)
    {
        var landed = tables.Of(people);
        if (landed.Count == 0)
        {
            return null;
        }

        var condition = CustomerSql.Any([email is null ? null : _sql.LowerEquals(people.EmailColumn, email), _sql.In("id", ids ?? [])]);
        return await RowsAsync(landed, condition, newestFirst ?? CreatedColumn(landed[0]), notes, cancellationToken);
    }

    private async Task<LifetimeValue?> LifetimeValueAsync(LandedTables tables, IReadOnlySet<string> stripeIds, JsonObject? modelRow, CancellationToken cancellationToken)
    {
        var amounts = new Dictionary<string, (long Amount, long Charges)>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables.Of(LandedTables.Stripe, "charges"))
        {
            if (_sql.In("customer", stripeIds) is not { } customers)
            {
                continue;
            }

            var rows = await ReadAsync($"""
                SELECT lower({_sql.Quote("currency")}), sum({_sql.Quote("amount")} - coalesce({_sql.Quote("amount_refunded")}, 0)), count(*)
                FROM {table.Sql} WHERE {Live} AND {customers} AND {_sql.Quote("status")} = {_sql.Text("succeeded")}
                GROUP BY lower({_sql.Quote("currency")})
                """, 100, cancellationToken);
            foreach (var row in rows.Rows)
            {
                var currency = row[0] as string ?? "";
                var (amount, charges) = amounts.GetValueOrDefault(currency);
                amounts[currency] = (amount + Convert.ToInt64(row[1], CultureInfo.InvariantCulture), charges + Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
            }
        }

        decimal? reporting = modelRow?["lifetime_value_reporting"] is JsonValue value && value.TryGetValue<decimal>(out var number) ? number
            : modelRow?["lifetime_value_reporting"] is JsonValue other && other.TryGetValue<double>(out var real) ? (decimal)real
            : null;
        var reportingCurrency = reporting is null ? null : (modelRow?["reporting_currency"] as JsonValue)?.GetValue<string>();
        return new LifetimeValue(
            [.. amounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new MoneyAmount(a.Key, a.Value.Amount, a.Value.Charges))],
            reporting,
            reportingCurrency,
            reporting is null ? LtvDefinition : $"{LtvDefinition}; reporting: the identity model's lifetime_value_reporting, in {reportingCurrency ?? "its reporting currency"}");
    }

    /// <summary>The live rows of <paramref name="landed"/> that meet <paramref name="condition"/>, newest first by <paramref name="newestFirst"/>; none when there is no condition.</summary>
    private async Task<List<JsonObject>> RowsAsync(IReadOnlyList<LandedTable> landed, string? condition, string newestFirst, List<string> notes, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        if (condition is null)
        {
            return rows;
        }

        foreach (var table in landed)
        {
            var order = table.Columns.Contains(newestFirst) ? $" ORDER BY {_sql.Quote(newestFirst)} DESC" : "";
            var result = await ReadAsync(
                $"SELECT {string.Join(", ", table.SelectedColumns.Select(_sql.Quote))} FROM {table.Sql} WHERE {Live} AND {condition}{order}",
                Options.MaxRowsPerSection, cancellationToken);
            rows.AddRange(result.Rows.Select(row => ToJson(result, row)));
            if (result.Truncated)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{table.Name}: only the newest {Options.MaxRowsPerSection} rows are listed; query the table for the rest."));
            }
        }

        return rows;
    }

    private Task<QueryResult> ReadAsync(string sql, int maxRows, CancellationToken cancellationToken) =>
        warehouse.QueryAsync(sql, QueryService.Read(maxRows, Options.Timeout), cancellationToken);

    /// <summary>
    /// The identity model when it is built with an email column; otherwise null, and, when greenhouse.yml named the
    /// model (<c>customers: identity:</c>), why it was not used.
    /// </summary>
    private async Task<(IdentityModel? Model, string? Problem)> IdentityModelAsync(CancellationToken cancellationToken)
    {
        var relations = await warehouse.ListModelRelationsAsync(ModelSchema, cancellationToken);
        // In the model schema itself, not one of its custom schemas (analytics_staging holds what the marts build on).
        var relation = relations.FirstOrDefault(r => string.Equals(r.Name, IdentityModelName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(r.Schema, ModelSchema, StringComparison.OrdinalIgnoreCase));
        var info = relation is null ? null : await warehouse.DescribeRelationAsync(relation, cancellationToken);
        var problem = info is null ? $"is not built in {ModelSchema}"
            : info.Columns.Any(c => string.Equals(c.Name, IdentityModel.EmailColumn, StringComparison.OrdinalIgnoreCase)) ? null
            : $"has no {IdentityModel.EmailColumn} column";
        if (problem is null)
        {
            return (new IdentityModel(relation!, info!.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)), null);
        }

        return (null, config.CustomerIdentity is null ? null
            : $"customers: identity: in {Path.GetFileName(config.Path)} names {IdentityModelName}, which {problem}: people were matched by their normalised emails instead.");
    }

    private JsonObject ToJson(QueryResult result, object?[] row)
    {
        var json = new JsonObject();
        var cut = false;
        for (var i = 0; i < result.Columns.Count; i++)
        {
            json[result.Columns[i]] = CatalogValues.ToJson(row[i], Options.MaxValueCharacters, ref cut);
        }

        return json;
    }

    /// <summary>The identity model as a people table, for the search conditions (its email column is <c>email</c>, its name <c>name</c>).</summary>
    private static readonly PersonTable ModelPeople = new("model", "identity", "person", IdentityModel.EmailColumn, "name");

    private const string GitHubLoginColumn = "github_login";

    private const string UserLogin = "user_login";

    private static string Live => $"{MetadataColumn.DeletedAt} IS NULL";

    private static readonly string[] CreatedColumns = ["created", "created_at", "creation_date"];

    private static string CreatedColumn(LandedTable table) => CreatedColumns.FirstOrDefault(table.Columns.Contains) ?? "id";

    /// <summary>An email as the join key between vendors: trimmed, lower case; null when empty.</summary>
    internal static string? Normalise(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>The local parts a GitHub login may come from: the login itself, and with '.' for '-' (and the reverse).</summary>
    private static List<string> LocalPartsOf(string login)
    {
        var lower = login.ToLowerInvariant();
        return [.. new[] { lower, lower.Replace('-', '.'), lower.Replace('.', '-') }.Distinct(StringComparer.Ordinal)];
    }

    private static string Id(JsonObject row) => (string)row["id"]!;

    internal static string? Text(JsonObject row, string column) => row[column] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
