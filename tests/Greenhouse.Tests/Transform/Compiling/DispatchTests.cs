using Greenhouse.Transform.Compiling;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Tests.Transform.Compiling;

/// <summary>adapter.dispatch's search order, as dbt's: the project first, the adapter's prefix before default.</summary>
public sealed class DispatchTests
{
    /// <summary>Loads a project's macro file into the globals, as the project loader does.</summary>
    private static void Project(MacroHarness h, string source)
    {
        foreach (var macro in Template.Parse(source, "macros/project.sql").Macros)
        {
            h.Globals.Set(macro.Name, macro);
        }
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_project_macro_for_the_adapter_wins_over_its_default(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var prefix = kind == "sqlite" ? "sqlite" : "postgres";
        Project(h, $$$"""
            {% macro money(x) %}{{ return(adapter.dispatch('money')(x)) }}{% endmacro %}
            {% macro default__money(x) %}default {{ x }}{% endmacro %}
            {% macro {{{prefix}}}__money(x) %}{{ adapter.type() }} {{ x }}{% endmacro %}
            {% macro default__shout(x) %}{{ x | upper }}{% endmacro %}
            """);

        Assert.Equal($"{prefix} 5", h.Render("{{ money(5) }}"));
        Assert.Equal("HI", h.Render("{{ adapter.dispatch('shout')('hi') }}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_project_override_of_a_built_in_macro_is_found_before_the_built_in(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        Project(h, "{% macro default__dateadd(datepart, interval, x) %}my_add({{ x }}){% endmacro %}");

        Assert.Equal("my_add(x)", h.Render("{{ dbt.dateadd('day', 1, 'x') }}"));
        Assert.Equal("my_add(x)", h.Render("{{ dateadd('day', 1, 'x') }}"));
        Assert.Equal("\"a\"", h.Render("{{ dbt_utils.star(t) }}", ("t", await h.TableAsync("t", "SELECT 1 AS a"))));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_dispatch_order_from_the_project_can_skip_its_own_overrides(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var adapter = new TemplateAdapter(h.Warehouse)
        {
            RootProject = "shop",
            DispatchOrder = new Dictionary<string, IReadOnlyList<string>> { ["dbt_utils"] = ["dbt_utils", "shop"] },
        };
        adapter.AddTo(h.Globals);
        Project(h, "{% macro default__group_by(n) %}mine{% endmacro %}");

        Assert.Equal("group by 1", h.Render("{{ dbt_utils.group_by(1) }}"));
        Assert.Equal("mine", h.Render("{{ adapter.dispatch('group_by', macro_namespace='shop')(1) }}"));
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_macro_dispatch_cannot_find_lists_every_name_it_searched(string kind)
    {
        await using var h = await MacroHarness.CreateAsync(kind);
        var prefix = kind == "sqlite" ? "sqlite" : "postgres";

        var missing = Assert.Throws<TemplateException>(() => h.Render("{{ adapter.dispatch('nothing', 'dbt_utils')() }}"));
        var dotted = Assert.Throws<TemplateException>(() => h.Render("{{ adapter.dispatch('dbt_utils.star') }}"));
        var packages = Assert.Throws<TemplateException>(() => h.Render("{{ adapter.dispatch('star', packages=['dbt_utils']) }}"));

        Assert.Contains(
            $"No macro named 'nothing' found within namespace: 'dbt_utils'\n    Searched for: '(root project).{prefix}__nothing', '(root project).default__nothing', 'dbt_utils.{prefix}__nothing', 'dbt_utils.default__nothing'",
            missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("models/test.sql:1:", missing.Message, StringComparison.Ordinal);
        Assert.Contains("macro_namespace=\"dbt_utils\"", dotted.Message, StringComparison.Ordinal);
        Assert.Contains("macro_namespace='<package>'", packages.Message, StringComparison.Ordinal);
    }
}
