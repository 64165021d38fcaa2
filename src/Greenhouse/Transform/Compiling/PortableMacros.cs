using System.Reflection;
using Greenhouse.Transform.Templates;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// Greenhouse's built-in macro library, so one project runs on both warehouses without <c>dbt deps</c>: dbt's
/// cross-database macros (<c>dateadd</c>, <c>datediff</c>, <c>date_trunc</c>, <c>type_string</c>, <c>hash</c>…) and
/// <c>statement</c>, callable as <c>dbt.x(...)</c> and as plain <c>x(...)</c>, and the dbt_utils macros people reach
/// for (<c>generate_surrogate_key</c>, <c>star</c>, <c>union_relations</c>, <c>date_spine</c>, <c>pivot</c>…) as
/// <c>dbt_utils.x(...)</c>, and the generic tests (<c>unique</c>, <c>not_null</c>, <c>accepted_values</c>,
/// <c>relationships</c>; dbt_utils' <c>expression_is_true</c>, <c>recency</c>…) as the macros <c>test_x</c>. They are Jinja files embedded in the library (<c>Compiling/Macros/</c>), written once per
/// dialect behind <c>adapter.dispatch</c> as dbt writes them (<c>default__x</c>, <c>postgres__x</c>, <c>sqlite__x</c>),
/// so a project's own <c>sqlite__x</c> or <c>default__x</c> overrides ours (see <see cref="TemplateAdapter"/>).
/// Parsed once per process; the macros hold no state, so every render may share them.
/// </summary>
public static class PortableMacros
{
    private const string ResourcePrefix = "Greenhouse.Transform.Compiling.Macros.";

    private static readonly Lazy<Library> Loaded = new(Load);

    /// <summary>The namespace of dbt's own macros, <c>dbt.x</c>.</summary>
    public const string DbtNamespace = "dbt";

    /// <summary>The namespace of the dbt_utils macros, <c>dbt_utils.x</c>.</summary>
    public const string DbtUtilsNamespace = "dbt_utils";

    /// <summary>The macros of <c>dbt</c> (every dispatch variant included), by name.</summary>
    public static IReadOnlyDictionary<string, TemplateMacro> Dbt => Loaded.Value.Dbt;

    /// <summary>The macros of <c>dbt_utils</c>, by name.</summary>
    public static IReadOnlyDictionary<string, TemplateMacro> DbtUtils => Loaded.Value.DbtUtils;

    /// <summary>
    /// Sets, in <paramref name="context"/> (a project's globals): every dbt macro as a global name, and the
    /// namespaces <c>dbt</c> and <c>dbt_utils</c>. Set a project's own macros after this (or in a child context), so
    /// a project macro of the same name wins, as in dbt. Returns <paramref name="context"/>.
    /// </summary>
    public static TemplateContext AddTo(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var library = Loaded.Value;
        foreach (var (name, macro) in library.Dbt)
        {
            context.Set(name, macro);
        }

        return context
            .Set(DbtNamespace, library.DbtObject)
            .Set(DbtUtilsNamespace, library.DbtUtilsObject);
    }

    /// <summary>Whether <paramref name="macro"/> is one of these built-in macros (not a project's).</summary>
    public static bool IsBuiltIn(TemplateMacro macro) => Loaded.Value.All.Contains(macro);

    private static Library Load()
    {
        var assembly = typeof(PortableMacros).Assembly;
        var dbt = new Dictionary<string, TemplateMacro>(StringComparer.Ordinal);
        var utils = new Dictionary<string, TemplateMacro>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // Greenhouse.Transform.Compiling.Macros.dbt_utils.keys.sql → "dbt_utils", "keys.sql"
            var rest = resource[ResourcePrefix.Length..];
            var package = rest[..rest.IndexOf('.', StringComparison.Ordinal)];
            var target = package switch
            {
                DbtNamespace => dbt,
                DbtUtilsNamespace => utils,
                _ => throw new InvalidOperationException($"Built-in macro resource {resource} is in no known package."),
            };
            foreach (var macro in Template.Parse(Read(assembly, resource), $"(built-in) {package}/{rest[(package.Length + 1)..]}").Macros)
            {
                if (!target.TryAdd(CallName(macro), macro))
                {
                    throw new InvalidOperationException($"Built-in macro {package}.{macro.Name} is defined twice.");
                }
            }
        }

        // dbt_utils 0.x had the cross-database macros too (dbt_utils.dateadd, dbt_utils.type_string...): the same ones.
        foreach (var (name, macro) in dbt)
        {
            utils.TryAdd(name, macro);
        }

        return new Library(dbt, utils);
    }

    /// <summary>The name a macro is called by: a generic test's <c>{% test unique(...) %}</c> is the macro <c>test_unique</c>, as in dbt.</summary>
    public static string CallName(TemplateMacro macro)
    {
        ArgumentNullException.ThrowIfNull(macro);
        return macro.Kind == TemplateMacroKind.Test ? "test_" + macro.Name : macro.Name;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Built-in macro resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class Library
    {
        public Library(Dictionary<string, TemplateMacro> dbt, Dictionary<string, TemplateMacro> utils)
        {
            Dbt = dbt;
            DbtUtils = utils;
            DbtObject = new MacroNamespace(DbtNamespace, dbt);
            DbtUtilsObject = new MacroNamespace(DbtUtilsNamespace, utils);
            All = new HashSet<TemplateMacro>(dbt.Values.Concat(utils.Values), ReferenceEqualityComparer.Instance);
        }

        public IReadOnlyDictionary<string, TemplateMacro> Dbt { get; }

        public IReadOnlyDictionary<string, TemplateMacro> DbtUtils { get; }

        public MacroNamespace DbtObject { get; }

        public MacroNamespace DbtUtilsObject { get; }

        public HashSet<TemplateMacro> All { get; }
    }
}
