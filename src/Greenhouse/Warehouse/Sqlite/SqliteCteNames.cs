namespace Greenhouse.Warehouse.Sqlite;

/// <summary>
/// The names a statement gives its common table expressions (<c>WITH name AS (…)</c>), found by tokenising it as
/// SQLite does: comments and string literals skipped, quoted names unquoted. SQLite's authorizer reports a read
/// through a CTE exactly as one through a view of that name, so a models-only connection refuses a CTE named like a
/// model (<see cref="SqliteReadGuard.ModelsOnlyPolicy"/>).
/// </summary>
internal static class SqliteCteNames
{
    public static IEnumerable<string> Of(string sql)
    {
        var tokens = Tokens(sql).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsName)
            {
                continue;
            }

            var j = i + 1;
            if (j < tokens.Count && tokens[j].Text == "(")
            {
                j = Closing(tokens, j) + 1; // the column list: name(a, b) AS (…)
            }

            if (!Word(tokens, j, "as"))
            {
                continue;
            }

            j++;
            if (Word(tokens, j, "not"))
            {
                j++;
            }

            if (Word(tokens, j, "materialized"))
            {
                j++;
            }

            if (j < tokens.Count && tokens[j].Text == "(")
            {
                yield return tokens[i].Text;
            }
        }
    }

    private static bool Word(List<Token> tokens, int at, string word) =>
        at < tokens.Count && !tokens[at].Quoted && string.Equals(tokens[at].Text, word, StringComparison.OrdinalIgnoreCase);

    private static int Closing(List<Token> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Text switch { "(" => 1, ")" => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return tokens.Count;
    }

    private static IEnumerable<Token> Tokens(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end : sql.Length;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                i++;
                var text = new System.Text.StringBuilder();
                while (i < sql.Length)
                {
                    if (sql[i] == close && close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
                    {
                        text.Append(close);
                        i += 2;
                    }
                    else if (sql[i] == close)
                    {
                        break;
                    }
                    else
                    {
                        text.Append(sql[i++]);
                    }
                }

                i++;
                if (c != '\'')
                {
                    yield return new Token(text.ToString(), IsName: true, Quoted: true);
                }
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                yield return new Token(sql[start..i], IsName: true, Quoted: false);
            }
            else
            {
                yield return new Token(c.ToString(), IsName: false, Quoted: false);
                i++;
            }
        }
    }

    private readonly record struct Token(string Text, bool IsName, bool Quoted);
}
