using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Greenhouse.Transform.Selection;

/// <summary>
/// Python's <c>fnmatch.fnmatchcase</c>, which dbt's selector methods match names with: <c>*</c> any run of characters
/// (dots and slashes too), <c>?</c> one character, <c>[abc]</c>, <c>[a-z]</c> and <c>[!abc]</c> one character of a set;
/// the whole text must match, case-sensitively (dbt runs on POSIX, where <c>fnmatch</c> does not fold case).
/// </summary>
internal static class Wildcard
{
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Whether the text has a character dbt treats as a wildcard (<c>is_selected_node</c> checks these four).</summary>
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny("*?[]") >= 0;

    public static bool IsMatch(string text, string pattern)
    {
        if (!HasWildcard(pattern))
        {
            return string.Equals(text, pattern, StringComparison.Ordinal);
        }

        return Compiled.GetOrAdd(pattern, Compile).IsMatch(text);
    }

    /// <summary>Null when the pattern compiles; else why not (a range out of order, <c>[z-a]</c>).</summary>
    public static string? Problem(string pattern)
    {
        if (!HasWildcard(pattern))
        {
            return null;
        }

        try
        {
            Compiled.GetOrAdd(pattern, Compile);
            return null;
        }
        catch (RegexParseException e)
        {
            return e.Error switch
            {
                RegexParseError.ReversedCharacterRange => "a range in [...] runs backwards",
                _ => "a [...] set does not read",
            };
        }
    }

    private static Regex Compile(string pattern) => new(Translate(pattern), RegexOptions.CultureInvariant);

    /// <summary>fnmatch.translate: the same walk over the pattern, written out as a .NET regular expression.</summary>
    private static string Translate(string pattern)
    {
        var result = new StringBuilder(@"\A(?s:");
        var i = 0;
        var n = pattern.Length;
        while (i < n)
        {
            var c = pattern[i++];
            switch (c)
            {
                case '*':
                    // Consecutive stars mean one star.
                    while (i < n && pattern[i] == '*')
                    {
                        i++;
                    }

                    result.Append(".*");
                    break;
                case '?':
                    result.Append('.');
                    break;
                case '[':
                    var j = i;
                    if (j < n && pattern[j] == '!')
                    {
                        j++;
                    }

                    if (j < n && pattern[j] == ']')
                    {
                        j++;
                    }

                    while (j < n && pattern[j] != ']')
                    {
                        j++;
                    }

                    if (j >= n)
                    {
                        // No closing bracket: a literal '['.
                        result.Append(@"\[");
                        break;
                    }

                    var set = pattern[i..j];
                    i = j + 1;
                    result.Append('[');
                    var start = 0;
                    if (set.StartsWith('!'))
                    {
                        result.Append('^');
                        start = 1;
                    }

                    foreach (var member in set[start..])
                    {
                        // Escape what .NET gives a meaning inside a class ('\', '[' for subtraction, '^' first), keep '-' for ranges.
                        result.Append(member is '\\' or '[' or ']' or '^' ? "\\" + member : member.ToString());
                    }

                    result.Append(']');
                    break;
                default:
                    result.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return result.Append(@")\z").ToString();
    }
}
