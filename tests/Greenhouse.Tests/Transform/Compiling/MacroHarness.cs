using System.Globalization;
using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Transform.Compiling;

/// <summary>
/// A fresh warehouse and the globals a model's render would have: the built-in macros, <c>adapter</c> over the
/// warehouse, <c>target</c>, <c>execute</c>, <c>return</c>, <c>var</c>, <c>log</c> and <c>exceptions</c>. Renders a
/// template, runs the SQL on the warehouse and reads back values as text (timestamps <c>yyyy-MM-dd HH:mm:ss</c>,
/// dates <c>yyyy-MM-dd</c>, numbers without trailing zeros, NULL as ∅), so one assertion holds on both dialects.
/// </summary>
public sealed class MacroHarness : IAsyncDisposable
{
    private readonly TestWarehouse _test;

    private MacroHarness(TestWarehouse test, IWarehouse warehouse)
    {
        _test = test;
        Warehouse = warehouse;
        Schema = test.ModelSchema("mac");
        Adapter = new TemplateAdapter(warehouse);
        Globals = PortableMacros.AddTo(new TemplateContext())
            .Set("return", new TemplateFunction(a =>
            {
                a.Return(a.Get(0, "value"));
                return "";
            }))
            .Set("execute", true)
            .Set("target", new TemplateDictionary { ["type"] = Adapter.Type, ["name"] = "dev", ["schema"] = Schema })
            .Set("var", new TemplateFunction(a => Vars.TryGetValue(TemplateValues.ToText(a.Get(0, "name")), out var v) ? v : a.Get(1, "default")))
            .Set("log", new TemplateFunction(_ => ""))
            .Set("exceptions", new TemplateDictionary
            {
                ["raise_compiler_error"] = new TemplateFunction(a => throw new TemplateException(TemplateValues.ToText(a.Get(0, "msg")))),
                ["warn"] = new TemplateFunction(_ => ""),
            });
        Adapter.AddTo(Globals);
    }

    public IWarehouse Warehouse { get; }

    public string Kind => _test.Kind;

    /// <summary>The warehouse's raw schema, where landed streams live (a model's relation may not be there; a template may read it).</summary>
    public string RawSchema => _test.RawSchema;

    /// <summary>The schema of the test's tables (SQLite: the prefix <c>mac</c>).</summary>
    public string Schema { get; }

    public TemplateAdapter Adapter { get; }

    public TemplateContext Globals { get; }

    /// <summary>What <c>var(name)</c> returns.</summary>
    public Dictionary<string, object?> Vars { get; } = [];

    public static async Task<MacroHarness> CreateAsync(string kind)
    {
        var test = await TestWarehouse.CreateAsync(kind);
        return new MacroHarness(test, await test.OpenMigratedAsync());
    }

    /// <summary>Renders <paramref name="template"/> in a model's context (a child of <see cref="Globals"/>, with <paramref name="names"/> set).</summary>
    public string Render(string template, params (string Name, object? Value)[] names)
    {
        var context = new TemplateContext(Globals);
        foreach (var (name, value) in names)
        {
            context.Set(name, value);
        }

        return Template.Parse(template, "models/test.sql").Render(context);
    }

    /// <summary>Creates the table <paramref name="name"/> from a SELECT and returns it as a relation.</summary>
    public async Task<TemplateRelation> TableAsync(string name, string select, string kind = "TABLE")
    {
        var relation = Warehouse.ModelRelation(Schema, name);
        await Warehouse.EnsureSchemaAsync(relation);
        await Warehouse.ExecuteAsync($"CREATE {kind} {relation.Sql} AS {select}");
        return Relation(name);
    }

    public TemplateRelation Relation(string name) => new(Warehouse.Dialect, Schema, name);

    /// <summary>Renders, runs and returns the rows, each as its values joined by '|'.</summary>
    public async Task<List<string>> RowsAsync(string template, params (string Name, object? Value)[] names)
    {
        var result = await Warehouse.QueryAsync(Render(template, names));
        return [.. result.Rows.Select(row => string.Join("|", row.Select((v, i) => Text(v, result.ColumnTypes[i]))))];
    }

    /// <summary>Renders <c>select {{ expression }}</c>, runs it and returns the one value.</summary>
    public async Task<string> ValueAsync(string expression, params (string Name, object? Value)[] names) =>
        (await RowsAsync("select {{ " + expression + " }} as v", names)).Single();

    /// <summary>Renders, runs and returns the result's column names.</summary>
    public async Task<IReadOnlyList<string>> ColumnsAsync(string template, params (string Name, object? Value)[] names) =>
        (await Warehouse.QueryAsync(Render(template, names))).Columns;

    private static string Text(object? value, string type) => value switch
    {
        null => "∅",
        DateTime d when type == "date" => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        double or float or decimal or long or int or short => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString("0.############", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public async ValueTask DisposeAsync() => await _test.DisposeAsync();
}
