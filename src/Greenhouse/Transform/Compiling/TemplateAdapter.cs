using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// dbt's <c>adapter</c> for templates, over the configured warehouse: <c>quote(name)</c>, <c>type()</c>
/// (<c>sqlite</c> or <c>postgres</c>), <c>get_columns_in_relation(relation)</c> and <c>get_relation(database,
/// schema, identifier)</c> (read from the warehouse's catalog), <c>execute(sql, fetch=...)</c>, and
/// <c>dispatch(macro_name, macro_namespace)</c>, which finds the macro as dbt does: for each package in the
/// search order (no namespace: the render's globals; a namespace: the root project, then that package, or the
/// order <see cref="DispatchOrder"/> gives it), <c>&lt;type&gt;__name</c> then <c>default__name</c>.
/// <see cref="AddTo"/> also sets the globals <c>api</c>, <c>run_query</c>, <c>load_relation</c>, <c>store_result</c> and
/// <c>load_result</c>. While a context's <c>execute</c> is false (dbt's parse pass) nothing touches the warehouse:
/// <c>run_query</c> and <c>get_relation</c> return none, <c>get_columns_in_relation</c> an empty list.
/// </summary>
/// <remarks>
/// Templates render synchronously and the warehouse is asynchronous, so the calls that read it block on it
/// (<c>GetAwaiter().GetResult()</c>): compilation runs on the thread pool, with no synchronisation context that
/// the continuation would need, and before the node's build takes the SQLite writer, so it cannot deadlock.
/// </remarks>
public sealed class TemplateAdapter : ITemplateObject
{
    private readonly IWarehouse _warehouse;
    private readonly CancellationToken _cancellationToken;

    /// <summary>An adapter over <paramref name="warehouse"/>; <paramref name="cancellationToken"/> stops the queries templates run.</summary>
    public TemplateAdapter(IWarehouse warehouse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        _warehouse = warehouse;
        _cancellationToken = cancellationToken;
    }

    /// <summary>What <c>adapter.type()</c> says: <c>postgres</c> (dbt's name for it) or <c>sqlite</c>; also the dispatch prefix.</summary>
    public string Type => _warehouse.Dialect.Kind == "postgresql" ? "postgres" : _warehouse.Dialect.Kind;

    /// <summary>The root project's name (<c>name:</c> in dbt_project.yml), as a <see cref="DispatchOrder"/> entry names it.</summary>
    public string? RootProject { get; init; }

    /// <summary>
    /// dbt_project.yml's <c>dispatch:</c> list: namespace → the packages to search, in order (e.g. <c>dbt_utils</c> →
    /// <c>[my_project, dbt_utils]</c>). A namespace not listed searches the root project, then itself.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DispatchOrder { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Sets <c>adapter</c> (this), <c>api</c> (<c>api.Relation.create(schema=, identifier=, type=)</c>), <c>run_query</c>, <c>load_relation</c>, <c>store_result</c> and <c>load_result</c> in
    /// <paramref name="context"/>. Call it on each model's own context: the results <c>statement</c> blocks store are kept
    /// there, one store per call. Returns <paramref name="context"/>.
    /// </summary>
    public TemplateContext AddTo(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new Dictionary<string, TemplateDictionary>(StringComparer.Ordinal);
        return context
            .Set("adapter", this)
            .Set("api", new TemplateDictionary
            {
                ["Relation"] = new TemplateDictionary { ["create"] = new TemplateFunction(CreateRelation) },
            })
            .Set("run_query", new TemplateFunction(a => Executing(a) ? new QueryTable(Query(Sql(a, "run_query"))) : null))
            .Set("load_relation", new TemplateFunction(a => a.Get(0, "relation") is TemplateRelation r ? GetRelation(a, r.Schema, r.Identifier) : null))
            .Set("store_result", new TemplateFunction(a =>
            {
                var name = TemplateValues.ToText(a.Get(0, "name"));
                var table = a.Get(2, "agate_table") as QueryTable;
                results[name] = new TemplateDictionary
                {
                    ["response"] = a.Get(1, "response"),
                    ["data"] = table?.Data ?? [],
                    ["table"] = table,
                };
                return "";
            }))
            .Set("load_result", new TemplateFunction(a =>
                results.TryGetValue(TemplateValues.ToText(a.Get(0, "name")), out var result) ? result : null));
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "quote" => new TemplateFunction(a => _warehouse.Dialect.Quote(TemplateValues.ToText(a.Get(0, "identifier")))),
            "type" => new TemplateFunction(_ => Type),
            "dispatch" => new TemplateFunction(Dispatch),
            "get_columns_in_relation" => new TemplateFunction(a => GetColumns(a)),
            "get_relation" => new TemplateFunction(a => GetRelation(a, Text(a, 1, "schema", "get_relation"), Text(a, 2, "identifier", "get_relation"))),
            "already_exists" => new TemplateFunction(a => GetRelation(a, Text(a, 0, "schema", "already_exists"), Text(a, 1, "name", "already_exists")) is not null),
            "execute" => new TemplateFunction(a => Execute(a)),
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => $"<adapter {Type}>";

    /// <summary><c>api.Relation.create(database=none, schema=.., identifier=.., type=none)</c>: a relation by name, not looked up.</summary>
    private object? CreateRelation(TemplateArguments arguments)
    {
        var kind = arguments.Get(3, "type") switch
        {
            null => (RelationKind?)null,
            "table" => RelationKind.Table,
            "view" => RelationKind.View,
            var other => throw new TemplateException($"api.Relation.create(type={TemplateValues.ToRepr(other)}): Greenhouse's relations are 'table' or 'view'."),
        };
        return new TemplateRelation(_warehouse.Dialect, Text(arguments, 1, "schema", "Relation.create"), Text(arguments, 2, "identifier", "Relation.create"), kind);
    }

    private List<object?> GetColumns(TemplateArguments arguments)
    {
        if (arguments.Get(0, "relation") is not TemplateRelation relation)
        {
            throw new TemplateException(
                $"adapter.get_columns_in_relation() takes a relation (ref(), source(), this or adapter.get_relation()), not {TemplateValues.ToRepr(arguments.Get(0, "relation"))}.");
        }

        if (!Executing(arguments))
        {
            return new List<object?>();
        }

        var info = Wait(_warehouse.DescribeRelationAsync(relation.Schema, relation.Identifier, _cancellationToken));
        return info is null ? new List<object?>() : info.Columns.Select(c => (object?)new TemplateColumn(_warehouse.Dialect, c)).ToList();
    }

    private TemplateRelation? GetRelation(TemplateArguments arguments, string schema, string identifier)
    {
        if (!Executing(arguments))
        {
            return null;
        }

        var info = Wait(_warehouse.DescribeRelationAsync(schema, identifier, _cancellationToken));
        return info is null ? null : new TemplateRelation(_warehouse.Dialect, schema, identifier, info.Kind);
    }

    /// <summary>
    /// <c>adapter.execute(sql, auto_begin=False, fetch=False)</c>: (response, table), as dbt's statement block calls it;
    /// while parsing it runs nothing and returns an empty table, as dbt's parse-time adapter does.
    /// </summary>
    private PyTuple Execute(TemplateArguments arguments)
    {
        var sql = Sql(arguments, "adapter.execute");
        if (!Executing(arguments))
        {
            return new PyTuple([Response("OK", 0), new QueryTable(QueryResult.Empty)]);
        }

        if (TemplateValues.IsTrue(arguments.Get(2, "fetch", false)))
        {
            var result = Query(sql);
            return new PyTuple([Response("SELECT", result.Rows.Count), new QueryTable(result)]);
        }

        var changed = Wait(_warehouse.ExecuteAsync(sql, cancellationToken: _cancellationToken));
        return new PyTuple([Response("OK", changed), new QueryTable(QueryResult.Empty)]);
    }

    private static TemplateDictionary Response(string message, long rows) => new()
    {
        ["_message"] = $"{message} {rows}",
        ["code"] = message,
        ["rows_affected"] = rows,
    };

    private QueryResult Query(string sql) => Wait(_warehouse.QueryAsync(sql, _cancellationToken));

    /// <summary>
    /// dbt's dispatch: for each package of the search order, for each prefix (<c>sqlite</c>/<c>postgres</c>, then
    /// <c>default</c>), the macro <c>prefix__name</c>; the first found is returned, to be called.
    /// </summary>
    private object? Dispatch(TemplateArguments arguments)
    {
        var name = TemplateValues.ToText(arguments.Get(0, "macro_name"));
        if (arguments.Get(2, "packages") is not null)
        {
            throw new TemplateException(
                $"adapter.dispatch('{name}', packages=...) was removed in dbt 1.0: pass macro_namespace='<package>' instead, and list the packages to search under dispatch: in dbt_project.yml.");
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            throw new TemplateException(
                $"In adapter.dispatch, got a macro name of \"{name}\", but \".\" is not a valid macro name component. Did you mean `adapter.dispatch(\"{name[(dot + 1)..]}\", macro_namespace=\"{name[..dot]}\")`?");
        }

        var ns = arguments.Get(1, "macro_namespace") switch
        {
            null => null,
            string text => text,
            var other => throw new TemplateException($"adapter.dispatch('{name}'): macro_namespace must be a package name, not {TemplateValues.ToRepr(other)}."),
        };

        IReadOnlyList<string?> packages = ns is null
            ? [null]
            : DispatchOrder.TryGetValue(ns, out var order) ? [.. order] : [RootName, ns];
        var attempts = new List<string>();
        foreach (var package in packages)
        {
            foreach (var prefix in new[] { Type, "default" })
            {
                var search = $"{prefix}__{name}";
                attempts.Add(package is null ? search : $"{package}.{search}");
                if (Find(arguments.Context, package, search) is { } macro)
                {
                    return macro;
                }
            }
        }

        throw new TemplateException(
            $"In dispatch: No macro named '{name}' found within namespace: '{ns ?? "None"}'\n    Searched for: {string.Join(", ", attempts.Select(a => $"'{a}'"))}");
    }

    private string RootName => RootProject ?? RootPackage;

    /// <summary>How the search order names the root project when <see cref="RootProject"/> is not given.</summary>
    private const string RootPackage = "(root project)";

    /// <summary>
    /// A macro of a package: no package, any global of that name (the project's own, else dbt's); the root project, a
    /// global macro that is not built in; any other package, the attribute of its namespace global (<c>dbt_utils.x</c>).
    /// </summary>
    private object? Find(TemplateContext context, string? package, string name)
    {
        if (package is null || package == RootName)
        {
            return context.TryGet(name, out var value) && IsCallable(value)
                && (package is null || value is not TemplateMacro macro || !PortableMacros.IsBuiltIn(macro))
                ? value
                : null;
        }

        if (!context.TryGet(package, out var space))
        {
            return null;
        }

        object? found = space switch
        {
            ITemplateObject o when o.TryGetAttribute(name, out var v) => v,
            TemplateDictionary d when d.TryGetValue(name, out var v) => v,
            IReadOnlyDictionary<string, object?> d when d.TryGetValue(name, out var v) => v,
            _ => null,
        };
        return IsCallable(found) ? found : null;
    }

    private static bool IsCallable(object? value) => value is TemplateMacro or TemplateFunction or ITemplateCallable;

    /// <summary>The <c>execute</c> global: false during dbt's parse pass; a context that does not set it is executing.</summary>
    private static bool Executing(TemplateArguments arguments) =>
        !arguments.Context.TryGet("execute", out var execute) || TemplateValues.IsTrue(execute);

    private static string Sql(TemplateArguments arguments, string function) =>
        arguments.Get(0, "sql") is string sql
            ? sql
            : throw new TemplateException($"{function}() takes the SQL to run as text, not {TemplateValues.ToRepr(arguments.Get(0, "sql"))}.");

    private static string Text(TemplateArguments arguments, int position, string name, string function) =>
        arguments.Get(position, name) is { } value and not TemplateUndefined
            ? TemplateValues.ToText(value)
            : throw new TemplateException($"adapter.{function}() needs its '{name}' argument.");

    /// <summary>Blocks on the warehouse: see the remarks on this class for why that is safe here.</summary>
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
