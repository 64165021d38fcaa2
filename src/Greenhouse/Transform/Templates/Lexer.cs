using System.Globalization;
using System.Text;

namespace Greenhouse.Transform.Templates;

/// <summary>
/// Jinja's lexer with dbt's settings (default delimiters, <c>trim_blocks</c> and <c>lstrip_blocks</c> off): text,
/// <c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c> and <c>{% raw %}</c>; a <c>-</c> inside a delimiter strips the
/// whitespace (newlines too) on that side; a tag ends only where its brackets are balanced.
/// </summary>
internal sealed class Lexer
{
    private readonly SourceText _source;
    private readonly string _s;
    private readonly List<Token> _tokens = new(64);
    private readonly List<(char Open, int Position)> _brackets = [];
    private int _pos;

    private Lexer(SourceText source)
    {
        _source = source;
        _s = source.Text;
    }

    public static List<Token> Tokenize(SourceText source)
    {
        var lexer = new Lexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var n = _s.Length;
        while (_pos < n)
        {
            var tag = FindTag(_pos);
            if (tag < 0)
            {
                AddData(_pos, n, strip: false);
                break;
            }

            var kind = _s[tag + 1];
            var after = tag + 2;
            var sign = after < n && _s[after] is '-' or '+' ? _s[after] : '\0';
            if (kind == '%' && TryRaw(tag, sign))
            {
                continue;
            }

            AddData(_pos, tag, strip: sign == '-');
            _pos = after + (sign == '\0' ? 0 : 1);
            switch (kind)
            {
                case '#':
                    Comment(tag);
                    break;
                case '{':
                    Tag(tag, block: false);
                    break;
                default:
                    Tag(tag, block: true);
                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.Eof, n));
    }

    private int FindTag(int from)
    {
        for (var i = _s.IndexOf('{', from); i >= 0 && i + 1 < _s.Length; i = _s.IndexOf('{', i + 1))
        {
            if (_s[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private void AddData(int from, int to, bool strip)
    {
        if (to <= from)
        {
            return;
        }

        var text = _s[from..to];
        if (strip)
        {
            text = PyStrings.RStrip(text);
        }

        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Data, from, text));
        }
    }

    private bool At(int position, string text) => string.CompareOrdinal(_s, position, text, 0, text.Length) == 0;

    private int SkipWhiteSpace(int position)
    {
        while (position < _s.Length && PyStrings.IsWhiteSpace(_s[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>
    /// Matches <c>{%-? raw -?%}</c> at <paramref name="tag"/>; the text up to the first <c>{% endraw %}</c> is data as it stands.
    /// </summary>
    private bool TryRaw(int tag, char sign)
    {
        var p = SkipWhiteSpace(tag + 2 + (sign == '\0' ? 0 : 1));
        if (!At(p, "raw"))
        {
            return false;
        }

        p = SkipWhiteSpace(p + 3);
        int bodyStart;
        if (At(p, "-%}"))
        {
            bodyStart = SkipWhiteSpace(p + 3);
        }
        else if (At(p, "%}"))
        {
            bodyStart = p + 2;
        }
        else
        {
            return false;
        }

        AddData(_pos, tag, strip: sign == '-');
        for (var i = _s.IndexOf("{%", bodyStart, StringComparison.Ordinal); i >= 0; i = _s.IndexOf("{%", i + 1, StringComparison.Ordinal))
        {
            var q = i + 2;
            var endSign = q < _s.Length && _s[q] is '-' or '+' ? _s[q] : '\0';
            q = SkipWhiteSpace(q + (endSign == '\0' ? 0 : 1));
            if (!At(q, "endraw"))
            {
                continue;
            }

            var end = BlockEnd(SkipWhiteSpace(q + 6));
            if (end < 0)
            {
                continue;
            }

            AddData(bodyStart, i, strip: endSign == '-');
            _pos = end;
            return true;
        }

        throw _source.Error(_s.Length, $"expected '{{% endraw %}}' to close the 'raw' on line {_source.LineOf(tag)}, found end of file");
    }

    private void Comment(int tag)
    {
        for (var i = _pos; i + 1 < _s.Length; i++)
        {
            if (_s[i] is '+' or '-' && i + 2 < _s.Length && _s[i + 1] == '#' && _s[i + 2] == '}')
            {
                _pos = _s[i] == '-' ? SkipWhiteSpace(i + 3) : i + 3;
                return;
            }

            if (_s[i] == '#' && _s[i + 1] == '}')
            {
                _pos = i + 2;
                return;
            }
        }

        throw _source.Error(_s.Length, $"expected '#}}' to close the comment opened on line {_source.LineOf(tag)}, found end of file");
    }

    private void Tag(int tag, bool block)
    {
        _tokens.Add(new Token(block ? TokenKind.BlockBegin : TokenKind.VariableBegin, tag));
        _brackets.Clear();
        var n = _s.Length;
        while (true)
        {
            if (_pos >= n)
            {
                throw _source.Error(n, $"expected '{(block ? "%}" : "}}")}' to close the tag opened at line {_source.LineOf(tag)}, found end of file");
            }

            if (TryTagEnd(block))
            {
                return;
            }

            var c = _s[_pos];
            if (PyStrings.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (char.IsAsciiDigit(c))
            {
                Number();
            }
            else if (c == '_' || char.IsLetter(c))
            {
                var start = _pos;
                while (_pos < n && (_s[_pos] == '_' || char.IsLetterOrDigit(_s[_pos])))
                {
                    _pos++;
                }

                _tokens.Add(new Token(TokenKind.Name, start, _s[start.._pos]));
            }
            else if (c is '\'' or '"')
            {
                String(c);
            }
            else
            {
                Operator(c);
            }
        }
    }

    private bool TryTagEnd(bool block)
    {
        var start = _pos;
        var end = block ? BlockEnd(_pos)
            : At(_pos, "-}}") ? SkipWhiteSpace(_pos + 3)
            : At(_pos, "}}") ? _pos + 2
            : -1;
        if (end < 0)
        {
            return false;
        }

        if (_brackets.Count > 0)
        {
            var (open, position) = _brackets[^1];
            if (!block && open == '{')
            {
                return false;
            }

            throw _source.Error(start, $"expected '{Closing(open)}' to close the '{open}' at {_source.Describe(position)}, found '{(block ? "%}" : "}}")}'");
        }

        _tokens.Add(new Token(block ? TokenKind.BlockEnd : TokenKind.VariableEnd, start));
        _pos = end;
        return true;
    }

    /// <summary>Where text resumes after a <c>%}</c>, <c>-%}</c> (whitespace after it stripped) or <c>+%}</c> at <paramref name="position"/>; -1 if none is there.</summary>
    private int BlockEnd(int position) =>
        At(position, "+%}") ? position + 3
        : At(position, "-%}") ? SkipWhiteSpace(position + 3)
        : At(position, "%}") ? position + 2
        : -1;

    private static char Closing(char open) => open switch
    {
        '(' => ')',
        '[' => ']',
        _ => '}',
    };

    private int Digits(int position)
    {
        if (position >= _s.Length || !char.IsAsciiDigit(_s[position]))
        {
            return -1;
        }

        while (position < _s.Length)
        {
            if (char.IsAsciiDigit(_s[position]))
            {
                position++;
            }
            else if (_s[position] == '_' && position + 1 < _s.Length && char.IsAsciiDigit(_s[position + 1]))
            {
                position += 2;
            }
            else
            {
                break;
            }
        }

        return position;
    }

    private void Number()
    {
        var start = _pos;
        if (start == 0 || _s[start - 1] != '.')
        {
            var whole = Digits(start);
            var end = -1;
            var afterFraction = whole;
            if (whole < _s.Length && _s[whole] == '.' && Digits(whole + 1) is var fraction and > 0)
            {
                afterFraction = fraction;
                end = fraction;
            }

            if (afterFraction < _s.Length && _s[afterFraction] is 'e' or 'E')
            {
                var e = afterFraction + 1;
                if (e < _s.Length && _s[e] is '+' or '-')
                {
                    e++;
                }

                if (Digits(e) is var exponent and > 0)
                {
                    end = exponent;
                }
            }

            if (end > 0)
            {
                var text = _s[start..end];
                _tokens.Add(new Token(TokenKind.Float, start, text, double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture)));
                _pos = end;
                return;
            }
        }

        var radix = 10;
        var digitsStart = start;
        if (_s[start] == '0' && start + 1 < _s.Length && _s[start + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            radix = char.ToLowerInvariant(_s[start + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            digitsStart = start + 2;
        }

        var p = digitsStart;
        if (radix != 10)
        {
            while (p < _s.Length && (IsDigitOf(_s[p], radix) || (_s[p] == '_' && p + 1 < _s.Length && IsDigitOf(_s[p + 1], radix))))
            {
                p++;
            }

            if (p == digitsStart)
            {
                radix = 10;
                p = start + 1;
            }
        }
        else if (_s[start] == '0')
        {
            p = start + 1;
            while (p < _s.Length && (_s[p] == '0' || (_s[p] == '_' && p + 1 < _s.Length && _s[p + 1] == '0')))
            {
                p++;
            }
        }
        else
        {
            p = Digits(start);
        }

        var digits = _s[(radix == 10 ? start : digitsStart)..p].Replace("_", "", StringComparison.Ordinal);
        long value;
        try
        {
            value = radix == 10 ? long.Parse(digits, CultureInfo.InvariantCulture) : Convert.ToInt64(digits, radix);
        }
        catch (OverflowException)
        {
            throw _source.Error(start, $"the number {digits} is too large (integers are 64-bit here)");
        }

        _tokens.Add(new Token(TokenKind.Integer, start, _s[start..p], value));
        _pos = p;
    }

    private static bool IsDigitOf(char c, int radix) => radix switch
    {
        16 => char.IsAsciiHexDigit(c),
        8 => c is >= '0' and <= '7',
        _ => c is '0' or '1',
    };

    private void String(char quote)
    {
        var start = _pos;
        var i = start + 1;
        while (i < _s.Length && _s[i] != quote)
        {
            i += _s[i] == '\\' ? 2 : 1;
        }

        if (i >= _s.Length)
        {
            throw _source.Error(start, "this string is never closed");
        }

        _tokens.Add(new Token(TokenKind.String, start, _s[start..(i + 1)], Unescape(start + 1, i)));
        _pos = i + 1;
    }

    /// <summary>Python's <c>unicode-escape</c>: <c>\n</c>, <c>\t</c>, <c>\x41</c>, <c>\u00e9</c>...; an unknown escape such as <c>\d</c> stays as written.</summary>
    private string Unescape(int from, int to)
    {
        var backslash = _s.IndexOf('\\', from, to - from);
        if (backslash < 0)
        {
            return _s[from..to];
        }

        var builder = new StringBuilder(to - from);
        builder.Append(_s, from, backslash - from);
        var i = backslash;
        while (i < to)
        {
            var c = _s[i];
            if (c != '\\' || i + 1 >= to)
            {
                builder.Append(c);
                i++;
                continue;
            }

            var e = _s[i + 1];
            i += 2;
            switch (e)
            {
                case '\n':
                    break;
                case '\\' or '\'' or '"':
                    builder.Append(e);
                    break;
                case 'a':
                    builder.Append('\a');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'v':
                    builder.Append('\v');
                    break;
                case >= '0' and <= '7':
                    var octal = e - '0';
                    for (var k = 0; k < 2 && i < to && _s[i] is >= '0' and <= '7'; k++)
                    {
                        octal = (octal * 8) + (_s[i++] - '0');
                    }

                    builder.Append((char)octal);
                    break;
                case 'N':
                    throw _source.Error(i - 2, "\\N{...} named escapes are not supported in strings; write the character or a \\u escape");
                case 'x' or 'u' or 'U':
                    var length = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + length > to || !int.TryParse(_s.AsSpan(i, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                        || code > 0x10FFFF)
                    {
                        throw _source.Error(i - 2, $"truncated \\{e} escape in a string: it needs {length} hex digits");
                    }

                    builder.Append(code > 0xFFFF || code is < 0xD800 or > 0xDFFF ? char.ConvertFromUtf32(code) : ((char)code).ToString());
                    i += length;
                    break;
                default:
                    builder.Append('\\').Append(e);
                    break;
            }
        }

        return builder.ToString();
    }

    private void Operator(char c)
    {
        var start = _pos;
        var next = _pos + 1 < _s.Length ? _s[_pos + 1] : '\0';
        var (kind, length) = (c, next) switch
        {
            ('/', '/') => (TokenKind.FloorDiv, 2),
            ('*', '*') => (TokenKind.Pow, 2),
            ('=', '=') => (TokenKind.Eq, 2),
            ('!', '=') => (TokenKind.Ne, 2),
            ('>', '=') => (TokenKind.GtEq, 2),
            ('<', '=') => (TokenKind.LtEq, 2),
            ('+', _) => (TokenKind.Add, 1),
            ('-', _) => (TokenKind.Sub, 1),
            ('/', _) => (TokenKind.Div, 1),
            ('*', _) => (TokenKind.Mul, 1),
            ('%', _) => (TokenKind.Mod, 1),
            ('~', _) => (TokenKind.Tilde, 1),
            ('[', _) => (TokenKind.LBracket, 1),
            (']', _) => (TokenKind.RBracket, 1),
            ('(', _) => (TokenKind.LParen, 1),
            (')', _) => (TokenKind.RParen, 1),
            ('{', _) => (TokenKind.LBrace, 1),
            ('}', _) => (TokenKind.RBrace, 1),
            ('>', _) => (TokenKind.Gt, 1),
            ('<', _) => (TokenKind.Lt, 1),
            ('=', _) => (TokenKind.Assign, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('|', _) => (TokenKind.Pipe, 1),
            (',', _) => (TokenKind.Comma, 1),
            (';', _) => (TokenKind.Semicolon, 1),
            _ => throw _source.Error(start, $"unexpected character '{c}'"),
        };

        if (c is '(' or '[' or '{')
        {
            _brackets.Add((c, start));
        }
        else if (c is ')' or ']' or '}')
        {
            if (_brackets.Count == 0)
            {
                throw _source.Error(start, $"unexpected '{c}': nothing is open to close");
            }

            var (open, position) = _brackets[^1];
            if (Closing(open) != c)
            {
                throw _source.Error(start, $"unexpected '{c}': expected '{Closing(open)}' to close the '{open}' at {_source.Describe(position)}");
            }

            _brackets.RemoveAt(_brackets.Count - 1);
        }

        _tokens.Add(new Token(kind, start));
        _pos += length;
    }
}
