using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>The methods of Python's str, list, tuple and dict that templates call (<c>'a,b'.split(',')</c>).</summary>
internal static class Methods
{
    private static readonly HashSet<string> StringMethods = new(StringComparer.Ordinal)
    {
        "capitalize", "casefold", "center", "count", "endswith", "find", "format", "index", "isalnum", "isalpha",
        "isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "join", "ljust", "lower",
        "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition",
        "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "zfill",
    };

    private static readonly HashSet<string> ListMethods = new(StringComparer.Ordinal)
    {
        "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort",
    };

    private static readonly HashSet<string> TupleMethods = new(StringComparer.Ordinal) { "count", "index" };

    private static readonly HashSet<string> DictMethods = new(StringComparer.Ordinal)
    {
        "clear", "copy", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values",
    };

    public static bool Has(object? self, string name) => self switch
    {
        string => StringMethods.Contains(name),
        PyTuple or PyRange => TupleMethods.Contains(name),
        _ when Py.IsList(self) => ListMethods.Contains(name),
        _ when Mappings.IsMapping(self) => DictMethods.Contains(name),
        _ => false,
    };

    public static object? Call(object? self, string name, CallArguments args) => self switch
    {
        string s => CallString(s, name, args),
        PyTuple or PyRange => CallSequence(Py.AsSequence(self)!, name, args),
        _ when Py.IsList(self) => CallList(self!, name, args),
        _ => CallDict(self!, name, args),
    };

    // ---- str ---------------------------------------------------------------------------------------------------

    private static object? CallString(string s, string name, CallArguments args)
    {
        if (name is not ("format" or "split" or "rsplit" or "splitlines"))
        {
            args.NoKeywordsFor(name);
        }

        switch (name)
        {
            case "format":
                return PyFormat.Format(s, args.Positional, args.KeywordsOrEmpty);
            case "upper":
                return s.ToUpperInvariant();
            case "lower":
            case "casefold":
                return s.ToLowerInvariant();
            case "strip":
                return PyStrings.Strip(s, OptionalString(args, 0, "chars"), true, true);
            case "lstrip":
                return PyStrings.Strip(s, OptionalString(args, 0, "chars"), true, false);
            case "rstrip":
                return PyStrings.Strip(s, OptionalString(args, 0, "chars"), false, true);
            case "split":
                return PyStrings.Split(s, OptionalString(args, 0, "sep"), MaxSplit(args));
            case "rsplit":
                return PyStrings.RSplit(s, OptionalString(args, 0, "sep"), MaxSplit(args));
            case "splitlines":
                return PyStrings.SplitLines(s, Py.Truthy(args.Get(0, "keepends", false))).Cast<object?>().ToList();
            case "startswith":
            case "endswith":
                return Affixes(args.Get(0, "prefix")).Any(affix =>
                    name == "startswith" ? s.StartsWith(affix, StringComparison.Ordinal) : s.EndsWith(affix, StringComparison.Ordinal));
            case "replace":
                return PyStrings.Replace(s, RequireString(args, 0, name), RequireString(args, 1, name), args.Count > 2 ? Py.ToLong(args.Positional[2]!) : -1);
            case "join":
                return PyStrings.Join(s, Py.Iterate(args.Get(0, "iterable")));
            case "title":
                return PyStrings.Title(s);
            case "capitalize":
                return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
            case "swapcase":
                return string.Concat(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
            case "find":
                return (long)s.IndexOf(RequireString(args, 0, name), StringComparison.Ordinal);
            case "rfind":
                return (long)s.LastIndexOf(RequireString(args, 0, name), StringComparison.Ordinal);
            case "index":
            case "rindex":
                var at = name == "index"
                    ? s.IndexOf(RequireString(args, 0, name), StringComparison.Ordinal)
                    : s.LastIndexOf(RequireString(args, 0, name), StringComparison.Ordinal);
                return at >= 0 ? (long)at : throw new TemplateException("substring not found");
            case "count":
                return (long)PyStrings.Count(s, RequireString(args, 0, name));
            case "center":
                return PyStrings.Center(s, (int)Py.ToLong(args.Get(0, "width", 0L)!), Fill(args));
            case "ljust":
                return s.PadRight((int)Py.ToLong(args.Get(0, "width", 0L)!), Fill(args));
            case "rjust":
                return s.PadLeft((int)Py.ToLong(args.Get(0, "width", 0L)!), Fill(args));
            case "zfill":
                return PyStrings.ZFill(s, (int)Py.ToLong(args.Get(0, "width", 0L)!));
            case "partition":
            case "rpartition":
                return PyStrings.Partition(s, RequireString(args, 0, name), name == "rpartition");
            case "removeprefix":
                var prefix = RequireString(args, 0, name);
                return s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;
            case "removesuffix":
                var suffix = RequireString(args, 0, name);
                return suffix.Length > 0 && s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;
            case "isdigit":
            case "isdecimal":
            case "isnumeric":
                return s.Length > 0 && s.All(char.IsDigit);
            case "isalpha":
                return s.Length > 0 && s.All(char.IsLetter);
            case "isalnum":
                return s.Length > 0 && s.All(char.IsLetterOrDigit);
            case "isspace":
                return s.Length > 0 && s.All(PyStrings.IsWhiteSpace);
            case "islower":
                return s.Any(char.IsLetter) && !s.Any(char.IsUpper);
            case "isupper":
                return s.Any(char.IsLetter) && !s.Any(char.IsLower);
            default:
                return s.Length > 0 && PyStrings.Title(s) == s && s.Any(char.IsLetter);
        }
    }

    private static string? OptionalString(CallArguments args, int index, string name) => args.Get(index, name) switch
    {
        null => null,
        string s => s,
        var other => throw new TemplateException($"{name} must be str or None, not {Py.TypeName(other)}"),
    };

    private static string RequireString(CallArguments args, int index, string function) => args.Get(index, "") switch
    {
        string s => s,
        var other => throw new TemplateException($"{function}() argument {index + 1} must be str, not {Py.TypeName(other)}"),
    };

    private static int MaxSplit(CallArguments args) => args.Get(1, "maxsplit") is { } value ? (int)Py.ToLong(value) : -1;

    private static char Fill(CallArguments args) => args.Get(1, "fillchar") is string { Length: 1 } fill ? fill[0] : ' ';

    private static IEnumerable<string> Affixes(object? value) => value switch
    {
        string s => [s],
        PyTuple t => t.Items.Select(item => item as string ?? throw new TemplateException($"tuple for startswith must only contain str, not {Py.TypeName(item)}")),
        _ => throw new TemplateException($"startswith first arg must be str or a tuple of str, not {Py.TypeName(value)}"),
    };

    // ---- list and tuple ----------------------------------------------------------------------------------------

    private static long CallSequence(IReadOnlyList<object?> items, string name, CallArguments args)
    {
        var target = args.Get(0, "value");
        if (name == "count")
        {
            return items.Count(item => Py.Eq(Py.Normalize(item), target));
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (Py.Eq(Py.Normalize(items[i]), target))
            {
                return i;
            }
        }

        throw new TemplateException($"{PyRepr.Repr(target)} is not in list");
    }

    private static object? CallList(object self, string name, CallArguments args)
    {
        if (name is "count" or "index")
        {
            return CallSequence(Py.AsSequence(self)!, name, args);
        }

        if (name == "copy")
        {
            return Py.AsSequence(self)!.Select(Py.Normalize).ToList();
        }

        if (self is not IList<object?> list || list.IsReadOnly)
        {
            throw new TemplateException($"this list is read-only; '{name}' cannot change it");
        }

        switch (name)
        {
            case "append":
                list.Add(args.Get(0, "object"));
                return null;
            case "extend":
                foreach (var item in Py.Iterate(args.Get(0, "iterable")).ToList())
                {
                    list.Add(item);
                }

                return null;
            case "insert":
                var at = Py.ToLong(args.Get(0, "index", 0L)!);
                at = at < 0 ? Math.Max(0, at + list.Count) : Math.Min(at, list.Count);
                list.Insert((int)at, args.Get(1, "object"));
                return null;
            case "pop":
                if (list.Count == 0)
                {
                    throw new TemplateException("pop from empty list");
                }

                var index = Py.ToLong(args.Get(0, "index", -1L)!);
                index = index < 0 ? index + list.Count : index;
                if (index < 0 || index >= list.Count)
                {
                    throw new TemplateException("pop index out of range");
                }

                var popped = Py.Normalize(list[(int)index]);
                list.RemoveAt((int)index);
                return popped;
            case "remove":
                var value = args.Get(0, "value");
                for (var i = 0; i < list.Count; i++)
                {
                    if (Py.Eq(Py.Normalize(list[i]), value))
                    {
                        list.RemoveAt(i);
                        return null;
                    }
                }

                throw new TemplateException("list.remove(x): x not in list");
            case "reverse":
                var reversed = list.Reverse().ToList();
                list.Clear();
                reversed.ForEach(list.Add);
                return null;
            case "sort":
                var sorted = Sorting.Sort(list.Select(Py.Normalize), Py.Truthy(args.Get(int.MaxValue, "reverse", false)), caseSensitive: true, key: null);
                list.Clear();
                sorted.ForEach(list.Add);
                return null;
            default:
                list.Clear();
                return null;
        }
    }

    // ---- dict ------------------------------------------------------------------------------------------------

    private static object? CallDict(object self, string name, CallArguments args)
    {
        switch (name)
        {
            case "get":
                return Mappings.TryGet(self, args.Get(0, "key"), out var value) ? value : args.Get(1, "default");
            case "items":
                return new DictView(self, DictViewKind.Items);
            case "keys":
                return new DictView(self, DictViewKind.Keys);
            case "values":
                return new DictView(self, DictViewKind.Values);
            case "copy":
                return Mappings.Copy(self);
            case "update":
                if (args.Count > 0)
                {
                    var other = args.Positional[0];
                    var pairs = Mappings.IsMapping(other)
                        ? Mappings.Pairs(other!).ToList()
                        : [.. Py.Iterate(other).Select(ToPair)];
                    foreach (var pair in pairs)
                    {
                        Mappings.Set(self, pair.Key, pair.Value);
                    }
                }

                foreach (var pair in args.KeywordsOrEmpty)
                {
                    Mappings.Set(self, pair.Key, pair.Value);
                }

                return null;
            case "pop":
                var key = args.Get(0, "key");
                if (Mappings.TryGet(self, key, out var removed))
                {
                    Mappings.Remove(self, key);
                    return removed;
                }

                return args.Count > 1 ? args.Positional[1] : throw new TemplateException($"KeyError: {PyRepr.Repr(key)}");
            case "setdefault":
                var name2 = args.Get(0, "key");
                if (Mappings.TryGet(self, name2, out var existing))
                {
                    return existing;
                }

                var fallback = args.Get(1, "default");
                Mappings.Set(self, name2, fallback);
                return fallback;
            case "popitem":
                if (self is not TemplateDictionary dictionary)
                {
                    throw new TemplateException("this dictionary is read-only");
                }

                if (dictionary.Count == 0)
                {
                    throw new TemplateException("KeyError: 'popitem(): dictionary is empty'");
                }

                var last = dictionary.At(dictionary.Count - 1);
                dictionary.RemoveAt(dictionary.Count - 1);
                return new PyTuple([last.Key, last.Value]);
            default:
                Mappings.Clear(self);
                return null;
        }
    }

    private static KeyValuePair<object?, object?> ToPair(object? item)
    {
        var pair = Py.ToList(item);
        return pair.Count == 2
            ? new KeyValuePair<object?, object?>(pair[0], pair[1])
            : throw new TemplateException($"dictionary update sequence element has length {pair.Count}; 2 is required");
    }
}
