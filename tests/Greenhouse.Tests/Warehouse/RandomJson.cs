using System.Globalization;
using System.Text;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// Random JSON values, written in several spellings of the same content (indentation, member order, escapes,
/// number forms), and changed in one place — for the canonical hash's property tests.
/// </summary>
internal static class RandomJson
{
    private static readonly string[] Characters =
        ["a", "b", "z", "A", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "é", "€", "\u2028", "😀", "\ufb33", "한", "<", "'"];

    public enum Spelling
    {
        Compact,
        Indented,
        Reordered,
        Escaped,
        Respelled,
    }

    public abstract record Node;

    public sealed record ObjectNode(List<(string Key, Node Value)> Members) : Node;

    public sealed record ArrayNode(List<Node> Items) : Node;

    public sealed record StringNode(string Value) : Node;

    /// <summary>An integer within ±2^53, so every spelling of it reads as the same double too.</summary>
    public sealed record IntegerNode(long Value) : Node;

    public sealed record DoubleNode(double Value) : Node;

    public sealed record LiteralNode(string Text) : Node;

    public static Node Value(Random random, int depth)
    {
        var kind = random.Next(depth >= 4 ? 5 : 7);
        return kind switch
        {
            0 => new StringNode(Text(random)),
            1 => new IntegerNode(random.Next(3) == 0 ? random.NextInt64(-(1L << 53), 1L << 53) : random.Next(-1000, 1000)),
            2 => new DoubleNode(Double(random)),
            3 => new LiteralNode(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" }),
            4 => new StringNode(""),
            5 => new ArrayNode([.. Enumerable.Range(0, random.Next(5)).Select(_ => Value(random, depth + 1))]),
            _ => Object(random, depth),
        };
    }

    private static ObjectNode Object(Random random, int depth)
    {
        var members = new List<(string, Node)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = random.Next(6); i > 0; i--)
        {
            var key = Text(random);
            if (keys.Add(key))
            {
                members.Add((key, Value(random, depth + 1)));
            }
        }

        return new ObjectNode(members);
    }

    private static string Text(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => Characters[random.Next(Characters.Length)]));

    private static double Double(Random random) => random.Next(4) switch
    {
        0 => Math.Round(random.NextDouble() * 1000, 2),
        1 => random.NextDouble() * Math.Pow(10, random.Next(-12, 22)),
        2 => -random.NextDouble() / 3,
        _ => 0.1 + random.Next(100) / 10.0,
    };

    /// <summary>The value with one thing changed: a character, a number, a literal, a member or an item more.</summary>
    public static Node Mutate(Node node, Random random)
    {
        var all = new List<Node>();
        Collect(node, all);
        var target = all[random.Next(all.Count)];
        return Replace(node, target, target switch
        {
            StringNode s => new StringNode(s.Value + "x"),
            IntegerNode n => new IntegerNode(n.Value + 1),
            DoubleNode d => new DoubleNode(d.Value == 0 ? 1 : -d.Value),
            LiteralNode { Text: "true" } => new LiteralNode("false"),
            LiteralNode { Text: "false" } => new LiteralNode("true"),
            LiteralNode => new IntegerNode(0),
            ArrayNode a => new ArrayNode([.. a.Items, new LiteralNode("null")]),
            ObjectNode o => new ObjectNode([.. o.Members, (string.Concat(o.Members.Select(m => m.Key)) + "+", new LiteralNode("null"))]),
            _ => throw new InvalidOperationException(),
        });
    }

    private static void Collect(Node node, List<Node> all)
    {
        all.Add(node);
        foreach (var child in node switch
        {
            ObjectNode o => o.Members.Select(m => m.Value),
            ArrayNode a => a.Items,
            _ => [],
        })
        {
            Collect(child, all);
        }
    }

    private static Node Replace(Node node, Node target, Node replacement) => ReferenceEquals(node, target) ? replacement : node switch
    {
        ObjectNode o => new ObjectNode([.. o.Members.Select(m => (m.Key, Replace(m.Value, target, replacement)))]),
        ArrayNode a => new ArrayNode([.. a.Items.Select(i => Replace(i, target, replacement))]),
        _ => node,
    };

    public static string Write(Node node, Random random, Spelling spelling)
    {
        var text = new StringBuilder();
        Write(node, random, spelling, text, 0);
        return text.ToString();
    }

    private static void Write(Node node, Random random, Spelling spelling, StringBuilder text, int depth)
    {
        switch (node)
        {
            case ObjectNode o:
                var members = spelling == Spelling.Reordered ? [.. o.Members.OrderBy(_ => random.Next())] : o.Members;
                text.Append('{');
                for (var i = 0; i < members.Count; i++)
                {
                    text.Append(i > 0 ? "," : "");
                    Space(random, spelling, text, depth + 1);
                    String(members[i].Key, random, spelling, text);
                    text.Append(spelling == Spelling.Indented ? " : " : ":");
                    Write(members[i].Value, random, spelling, text, depth + 1);
                }

                Space(random, spelling, text, depth);
                text.Append('}');
                break;
            case ArrayNode a:
                text.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    text.Append(i > 0 ? "," : "");
                    Space(random, spelling, text, depth + 1);
                    Write(a.Items[i], random, spelling, text, depth + 1);
                }

                Space(random, spelling, text, depth);
                text.Append(']');
                break;
            case StringNode s:
                String(s.Value, random, spelling, text);
                break;
            case IntegerNode n:
                var digits = n.Value.ToString(CultureInfo.InvariantCulture);
                text.Append(spelling != Spelling.Respelled ? digits : random.Next(3) switch { 0 => digits + ".000", 1 => digits + "e0", _ => digits + "0E-1" });
                break;
            case DoubleNode d:
                text.Append(spelling != Spelling.Respelled
                    ? d.Value.ToString("R", CultureInfo.InvariantCulture)
                    : d.Value.ToString(random.Next(2) == 0 ? "E16" : "e20", CultureInfo.InvariantCulture));
                break;
            case LiteralNode l:
                text.Append(l.Text);
                break;
        }
    }

    private static void Space(Random random, Spelling spelling, StringBuilder text, int depth)
    {
        if (spelling == Spelling.Indented)
        {
            text.Append(random.Next(3) == 0 ? "\r\n" : "\n").Append(random.Next(2) == 0 ? new string(' ', depth * 2) : new string('\t', depth));
        }
    }

    private static void String(string value, Random random, Spelling spelling, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (spelling == Spelling.Escaped && (c > 0x7e || random.Next(4) == 0))
            {
                text.Append(c == '/' ? "\\/" : $"\\u{(int)c:X4}");
            }
            else if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < 0x20)
            {
                text.Append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}
