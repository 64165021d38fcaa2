using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>Python's string algorithms where .NET's differ (whitespace, split, title, splitlines, center).</summary>
internal static class PyStrings
{
    /// <summary>Python's <c>str.isspace</c> per character (also what <c>\s</c> matches in Jinja's lexer).</summary>
    public static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x1f' || (c > 127 && char.IsWhiteSpace(c));

    public static string Strip(string s, string? chars, bool left, bool right)
    {
        var start = 0;
        var end = s.Length;
        bool Strippable(char c) => chars is null ? IsWhiteSpace(c) : chars.Contains(c, StringComparison.Ordinal);
        while (left && start < end && Strippable(s[start]))
        {
            start++;
        }

        while (right && end > start && Strippable(s[end - 1]))
        {
            end--;
        }

        return start == 0 && end == s.Length ? s : s[start..end];
    }

    public static string RStrip(string s) => Strip(s, null, false, true);

    public static List<object?> Split(string s, string? separator, int maxSplit)
    {
        var result = new List<object?>();
        if (separator is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    break;
                }

                if (maxSplit >= 0 && result.Count == maxSplit)
                {
                    result.Add(RStrip(s[i..]));
                    break;
                }

                var start = i;
                while (i < s.Length && !IsWhiteSpace(s[i]))
                {
                    i++;
                }

                result.Add(s[start..i]);
            }

            return result;
        }

        if (separator.Length == 0)
        {
            throw new TemplateException("empty separator");
        }

        var from = 0;
        while (maxSplit < 0 || result.Count < maxSplit)
        {
            var at = s.IndexOf(separator, from, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            result.Add(s[from..at]);
            from = at + separator.Length;
        }

        result.Add(s[from..]);
        return result;
    }

    public static List<object?> RSplit(string s, string? separator, int maxSplit)
    {
        if (maxSplit < 0)
        {
            return Split(s, separator, maxSplit);
        }

        var result = new List<object?>();
        if (separator is null)
        {
            var i = s.Length;
            while (true)
            {
                while (i > 0 && IsWhiteSpace(s[i - 1]))
                {
                    i--;
                }

                if (i == 0)
                {
                    break;
                }

                if (result.Count == maxSplit)
                {
                    result.Add(Strip(s[..i], null, true, false));
                    break;
                }

                var end = i;
                while (i > 0 && !IsWhiteSpace(s[i - 1]))
                {
                    i--;
                }

                result.Add(s[i..end]);
            }
        }
        else
        {
            if (separator.Length == 0)
            {
                throw new TemplateException("empty separator");
            }

            var to = s.Length;
            while (result.Count < maxSplit)
            {
                var at = to - separator.Length < 0 ? -1 : s.LastIndexOf(separator, to - 1, to, StringComparison.Ordinal);
                if (at < 0)
                {
                    break;
                }

                result.Add(s[(at + separator.Length)..to]);
                to = at;
            }

            result.Add(s[..to]);
        }

        result.Reverse();
        return result;
    }

    /// <summary>Python's <c>str.splitlines</c>: \n, \r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029 end a line.</summary>
    public static List<string> SplitLines(string s, bool keepEnds = false)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                var end = i;
                i += c == '\r' && i + 1 < s.Length && s[i + 1] == '\n' ? 2 : 1;
                lines.Add(s[start..(keepEnds ? i : end)]);
                start = i;
            }
            else
            {
                i++;
            }
        }

        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }

        return lines;
    }

    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0 && old.Length > 0)
        {
            return s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var builder = new StringBuilder();
        var done = 0L;
        if (old.Length == 0)
        {
            for (var i = 0; i <= s.Length; i++)
            {
                if (count < 0 || done < count)
                {
                    builder.Append(replacement);
                    done++;
                }

                if (i < s.Length)
                {
                    builder.Append(s[i]);
                }
            }

            return builder.ToString();
        }

        var from = 0;
        while (count < 0 || done < count)
        {
            var at = s.IndexOf(old, from, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            builder.Append(s, from, at - from).Append(replacement);
            from = at + old.Length;
            done++;
        }

        return builder.Append(s, from, s.Length - from).ToString();
    }

    public static string Join(string separator, IEnumerable<object?> items)
    {
        var builder = new StringBuilder();
        var index = 0;
        foreach (var item in items)
        {
            if (item is not string s)
            {
                throw new TemplateException($"sequence item {index}: expected str instance, {Py.TypeName(item)} found");
            }

            if (index++ > 0)
            {
                builder.Append(separator);
            }

            builder.Append(s);
        }

        return builder.ToString();
    }

    public static string Title(string s)
    {
        var builder = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                builder.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
                previousCased = true;
            }
            else
            {
                builder.Append(c);
                previousCased = false;
            }
        }

        return builder.ToString();
    }

    public static int Count(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        var count = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public static string Center(string s, int width, char fill)
    {
        if (width <= s.Length)
        {
            return s;
        }

        var margin = width - s.Length;
        var left = (margin / 2) + (margin & width & 1);
        return new string(fill, left) + s + new string(fill, margin - left);
    }

    public static string ZFill(string s, int width)
    {
        if (width <= s.Length)
        {
            return s;
        }

        var sign = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        return s[..sign] + new string('0', width - s.Length) + s[sign..];
    }

    public static PyTuple Partition(string s, string separator, bool fromRight)
    {
        if (separator.Length == 0)
        {
            throw new TemplateException("empty separator");
        }

        var at = fromRight ? s.LastIndexOf(separator, StringComparison.Ordinal) : s.IndexOf(separator, StringComparison.Ordinal);
        if (at < 0)
        {
            return fromRight ? new PyTuple(["", "", s]) : new PyTuple([s, "", ""]);
        }

        return new PyTuple([s[..at], separator, s[(at + separator.Length)..]]);
    }
}
