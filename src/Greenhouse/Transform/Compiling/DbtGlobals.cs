using System.Text.Json;
using Greenhouse.Transform.Project;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// The names every render of a project sees, whatever the node: <c>target</c>, <c>var</c>, <c>env_var</c>,
/// <c>return</c>, <c>log</c>, <c>doc</c>, <c>exceptions</c>, <c>modules</c>, <c>run_started_at</c>,
/// <c>fromjson</c>/<c>tojson</c>, the built-in macros (<see cref="PortableMacros"/>) and the project's own. A node's
/// render adds the <c>adapter</c>, <c>api</c> and <c>run_query</c> (<see cref="TemplateAdapter"/>) and its own names
/// (<see cref="ProjectCompiler"/>).
/// </summary>
internal static class DbtGlobals
{
    public static TemplateContext Create(DbtProject project, WarehouseDialect dialect, CompileSettings settings, string invocationId)
    {
        var globals = new TemplateContext();
        globals.Set("target", new TemplateDictionary
        {
            ["name"] = settings.TargetName,
            ["target_name"] = settings.TargetName,
            ["type"] = dialect.Kind,
            ["schema"] = settings.TargetSchema,
            ["database"] = null,
            ["threads"] = (long)settings.Threads,
            ["profile_name"] = project.Name,
        });
        globals.Set("project_name", project.Name);
        globals.Set("invocation_id", invocationId);
        globals.Set("run_started_at", new TemplateDateTime(settings.RunStartedAt.ToUniversalTime(), hasZone: true));
        globals.Set("var", new TemplateFunction(a => Var(project, settings, a)));
        globals.Set("env_var", new TemplateFunction(a => EnvVar(settings, a)));
        globals.Set("return", new TemplateFunction(a =>
        {
            a.Return(a.Get(0, "value"));
            return "";
        }));
        globals.Set("log", new TemplateFunction(a =>
        {
            settings.Log(TemplateValues.ToText(a.Get(0, "msg")));
            return "";
        }));
        globals.Set("print", new TemplateFunction(a =>
        {
            settings.Log(string.Join(' ', a.Positional.Select(TemplateValues.ToText)));
            return "";
        }));
        globals.Set("doc", new TemplateFunction(a => Doc(project, a)));
        globals.Set("exceptions", new TemplateDictionary
        {
            ["raise_compiler_error"] = new TemplateFunction(a => throw new TemplateException(TemplateValues.ToText(a.Get(0, "msg")))),
            ["raise_not_implemented"] = new TemplateFunction(a => throw new TemplateException("not implemented: " + TemplateValues.ToText(a.Get(0, "msg")))),
            ["warn"] = new TemplateFunction(a =>
            {
                settings.Log($"warning: {a.FileName}:{a.Line}: {TemplateValues.ToText(a.Get(0, "msg"))}");
                return "";
            }),
        });
        globals.Set("modules", new TemplateDictionary { ["datetime"] = new TemplateDictionary { ["datetime"] = new DateTimeType(dateOnly: false), ["date"] = new DateTimeType(dateOnly: true) } });
        globals.Set("fromjson", new TemplateFunction(FromJson));
        globals.Set("tojson", new TemplateFunction(a => Json.Dumps(a.Get(0, "value"), null)));
        globals.Set("flags", new TemplateDictionary { ["FULL_REFRESH"] = settings.FullRefresh, ["WHICH"] = settings.Command });
        // The built-in macros first, so a project's own macro of the same name shadows one.
        PortableMacros.AddTo(globals);
        foreach (var macro in project.MacroFiles.SelectMany(f => f.Macros).Where(m => m.Kind is TemplateMacroKind.Macro or TemplateMacroKind.Test))
        {
            globals.Set(PortableMacros.CallName(macro), macro);
        }

        return globals;
    }

    /// <summary><c>var(name, default)</c>: <c>--vars</c> first, then the project's vars for its own package, then its global vars.</summary>
    private static object? Var(DbtProject project, CompileSettings settings, TemplateArguments arguments)
    {
        var name = TemplateValues.ToText(arguments.Get(0, "name"));
        if (settings.Vars.TryGetValue(name, out var given))
        {
            return given;
        }

        if (project.Vars.TryGetValue(project.Name, out var scoped) && scoped is TemplateDictionary own && own.TryGetValue(name, out var ownValue))
        {
            return ownValue;
        }

        if (project.Vars.TryGetValue(name, out var value) && name != project.Name)
        {
            return value;
        }

        return arguments.Has(1, "default")
            ? arguments.Get(1, "default")
            : throw new TemplateException(
                $"Required var '{name}' not found in config: set it under vars: in dbt_project.yml, pass --vars '{{{name}: ...}}', or give var() a default");
    }

    private static object? EnvVar(CompileSettings settings, TemplateArguments arguments)
    {
        var name = TemplateValues.ToText(arguments.Get(0, "var"));
        var value = settings.Environment(name);
        if (value is not null)
        {
            return value;
        }

        return arguments.Has(1, "default")
            ? arguments.Get(1, "default")
            : throw new TemplateException($"env_var('{name}'): the environment variable {name} is not set and no default was given; export it or call env_var('{name}', 'default')");
    }

    private static object? Doc(DbtProject project, TemplateArguments arguments)
    {
        var name = TemplateValues.ToText(arguments.Positional.Count > 1 ? arguments.Positional[1] : arguments.Get(0, "name"));
        return project.Docs.TryGetValue(name, out var block)
            ? block.Call(arguments.Context)
            : throw new TemplateException($"doc('{name}'): no {{% docs {name} %}} block in the project's .md files.{Config.DidYouMean.Hint(name, project.Docs.Keys)}");
    }

    private static object? FromJson(TemplateArguments arguments)
    {
        var text = TemplateValues.ToText(arguments.Get(0, "string"));
        try
        {
            using var document = JsonDocument.Parse(text);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return arguments.Get(1, "default");
        }
    }

    private static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element),
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static TemplateDictionary Object(JsonElement element)
    {
        var dictionary = new TemplateDictionary();
        foreach (var property in element.EnumerateObject())
        {
            dictionary[property.Name] = FromElement(property.Value);
        }

        return dictionary;
    }
}
