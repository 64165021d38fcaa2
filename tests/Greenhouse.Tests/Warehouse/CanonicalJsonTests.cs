using System.Globalization;
using System.Text;
using System.Text.Json;
using Greenhouse.Warehouse;

namespace Greenhouse.Tests.Warehouse;

/// <summary>
/// The row hash's canonical form against RFC 8785's own examples (https://www.rfc-editor.org/rfc/rfc8785), and as a
/// property: every spelling of one JSON value hashes the same, and every change of content hashes differently.
/// </summary>
public sealed class CanonicalJsonTests
{
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Encoding.UTF8.GetString(CanonicalJson.Canonicalize(document.RootElement));
    }

    private static string Hash(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Hash(document.RootElement);
    }

    [Fact]
    public void The_sample_of_section_3_2_2_canonicalizes_to_the_bytes_of_section_3_2_4()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string bytes = """
            7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
            75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
            5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
            65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
            5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
            30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d
            """;
        using var document = JsonDocument.Parse(input);

        var canonical = CanonicalJson.Canonicalize(document.RootElement);

        Assert.Equal(Convert.FromHexString(string.Concat(bytes.Split(' ', '\n', '\r'))), canonical);
        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
            Encoding.UTF8.GetString(canonical));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical)), CanonicalJson.Hash(document.RootElement));
    }

    [Fact]
    public void Members_sort_by_utf16_code_units_as_in_section_3_2_3()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var values = JsonDocument.Parse(Canonical(input)).RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToList();

        // The emoji (D83D DE00) precedes U+FB33 by code unit, though not by code point.
        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"], values);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", Canonical(input), StringComparison.Ordinal);
    }

    /// <summary>RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript text (NaN and Infinity have no JSON form).</summary>
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_are_written_as_appendix_B_says(ulong bits, string expected)
    {
        var value = BitConverter.UInt64BitsToDouble(bits);

        // 17 significant digits in exponent form read back as the same double, through the fraction-or-exponent path.
        Assert.Equal(expected, Canonical(value.ToString("E16", CultureInfo.InvariantCulture)));
        Assert.Equal($"[{expected}]", Canonical($"[{value.ToString("R", CultureInfo.InvariantCulture)}]"));
    }

    [Theory]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("-123456789012345678901234567890", "-123456789012345678901234567890")]
    [InlineData("9007199254740993.0", "9007199254740992")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("1e400", "1e400")]
    [InlineData("100e-2", "1")]
    public void Integer_literals_keep_their_digits_and_numbers_beyond_a_double_stay_as_written(string literal, string expected)
    {
        Assert.Equal(expected, Canonical(literal));
    }

    [Fact]
    public void Strings_escape_only_what_JCS_escapes_and_decode_every_other_escape()
    {
        Assert.Equal("\"\\b\\t\\n\\f\\r\\u0000\\u001f\\\"\\\\/é😀<>&'\u2028\"",
            Canonical("\"\\b\\t\\n\\f\\r\\u0000\\u001F\\\"\\\\\\/\\u00e9\\uD83D\\uDE00\\u003c>&\\u0027\\u2028\""));
        Assert.Equal("\"\\ud800x\\udfff\"", Canonical("\"\\uD800x\\uDFFF\""));
        Assert.Equal("\"한국어\"", Canonical("\"\\ud55c국어\""));
    }

    [Fact]
    public void Escaped_and_plain_spellings_of_a_member_name_sort_and_hash_alike()
    {
        Assert.Equal("""{"a":1,"b\n":2,"é":3}""", Canonical("""{"\u00e9":3,"b\n":2,"\u0061":1}"""));
        Assert.Equal(Hash("""{"é":3,"a":1}"""), Hash("""{"\u00e9":3,"\u0061":1}"""));
    }

    [Fact]
    public void Compact_keeps_members_in_order_and_strings_as_sent()
    {
        const string indented = """
            {
              "b" : [ 1, 2 , { "x y": "a \" b \\ c  d" } ],
              "a":	"\u00e9 ",
              "c": { }
            }
            """;
        using var document = JsonDocument.Parse(indented);

        Assert.Equal("""{"b":[1,2,{"x y":"a \" b \\ c  d"}],"a":"\u00e9 ","c":{}}""", CanonicalJson.Compact(document.RootElement));
        Assert.Equal("""{"a":1}""", CanonicalJson.Compact(JsonDocument.Parse("""[ { "a" : 1 } ]""").RootElement[0]));
    }

    [Fact]
    public void Long_strings_and_deep_documents_hash_like_their_compact_canonical_text()
    {
        var body = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}: \"quoted\" ✓\n"));
        var json = JsonSerializer.Serialize(new { z = body, a = Enumerable.Range(0, 3000).ToArray(), nested = new { deep = new { deeper = new[] { new { k = body[..100] } } } } });
        using var document = JsonDocument.Parse(json);

        var canonical = CanonicalJson.Canonicalize(document.RootElement);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical)), CanonicalJson.Hash(document.RootElement));
        Assert.Equal(body, JsonDocument.Parse(canonical).RootElement.GetProperty("z").GetString());
        Assert.StartsWith("{\"a\":[0,1,2,", Encoding.UTF8.GetString(canonical), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_spelling_of_a_value_hashes_the_same()
    {
        var random = new Random(8785);
        for (var i = 0; i < 300; i++)
        {
            var value = RandomJson.Value(random, depth: 0);
            var compact = RandomJson.Write(value, new Random(i), RandomJson.Spelling.Compact);
            var hash = Hash(compact);
            foreach (var spelling in new[] { RandomJson.Spelling.Indented, RandomJson.Spelling.Reordered, RandomJson.Spelling.Escaped, RandomJson.Spelling.Respelled })
            {
                var other = RandomJson.Write(value, new Random(i), spelling);
                Assert.True(hash == Hash(other), $"{spelling} differs:\n{compact}\n{other}");
            }
        }
    }

    [Fact]
    public void Every_change_of_content_hashes_differently()
    {
        var random = new Random(1);
        var changed = 0;
        for (var i = 0; i < 300; i++)
        {
            var value = RandomJson.Value(random, depth: 0);
            if (RandomJson.Mutate(value, random) is not { } mutated)
            {
                continue;
            }

            changed++;
            var before = RandomJson.Write(value, new Random(i), RandomJson.Spelling.Compact);
            var after = RandomJson.Write(mutated, new Random(i), RandomJson.Spelling.Reordered);
            Assert.True(Hash(before) != Hash(after), $"same hash:\n{before}\n{after}");
        }

        Assert.True(changed > 200, $"only {changed} values could be changed");
    }
}
