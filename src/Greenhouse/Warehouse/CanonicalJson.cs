using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Greenhouse.Warehouse;

/// <summary>
/// What a row stores of its payload: <see cref="Hash"/>, the content hash <c>_gh_hash</c> (hex SHA-256 of the RFC 8785
/// canonical form, so a re-indented or re-ordered delivery of the same object hashes the same), and <see cref="Compact"/>,
/// the <c>_gh_raw</c> text (the payload as sent, members in their order, without insignificant whitespace).
/// <para>
/// RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code units of their names, no
/// whitespace, strings with only <c>"</c>, <c>\</c> and U+0000–U+001F escaped (<c>\b \t \n \f \r</c>, else
/// <c>\u00xx</c> in lowercase hex), and numbers as ECMAScript's <c>Number.prototype.toString</c> writes the nearest
/// double. One deliberate difference: an integer literal (no fraction, no exponent) keeps its own digits, where JCS
/// would round one beyond ±2^53 to the nearest double — so a change in the last digits of a 64-bit id is a change.
/// Up to 2^53 the two agree (ECMAScript writes such an integer as its digits); <c>-0</c> is <c>0</c>. A number beyond
/// the double range (JCS has no form for it) is kept as written.
/// </para>
/// The canonical bytes are never materialized: they stream through a per-thread buffer into an incremental SHA-256,
/// so hashing a record allocates only the hex string. (Not Utf8JsonWriter: its encoders escape more than JCS allows.)
/// </summary>
internal static class CanonicalJson
{
    [ThreadStatic]
    private static Canonicalizer? t_canonicalizer;

    private static readonly SearchValues<byte> QuoteOrWhitespace = SearchValues.Create("\" \t\r\n"u8);
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);

    /// <summary>Lowercase hex SHA-256 of the canonical form of <paramref name="element"/>.</summary>
    public static string Hash(JsonElement element)
    {
        var canonicalizer = t_canonicalizer ??= new Canonicalizer();
        Span<byte> hash = stackalloc byte[32];
        canonicalizer.Hash(element, hash, capture: null);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The canonical form itself, as UTF-8 (what <see cref="Hash"/> hashes).</summary>
    public static byte[] Canonicalize(JsonElement element)
    {
        var capture = new ArrayBufferWriter<byte>();
        Span<byte> hash = stackalloc byte[32];
        (t_canonicalizer ??= new Canonicalizer()).Hash(element, hash, capture);
        return capture.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The compact text and hash of a stored <c>_gh_raw</c>, as a sync landing that JSON now would store them; null
    /// when the text is not JSON (the row keeps its hash and is rewritten the next time its object arrives).
    /// </summary>
    public static (string Compact, string Hash)? OfStoredText(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            return (Compact(document.RootElement), Hash(document.RootElement));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The payload's own text without insignificant whitespace: same members, same order, same escapes.</summary>
    public static string Compact(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            var length = 0;
            while (raw.Length > 0)
            {
                var next = raw.IndexOfAny(QuoteOrWhitespace);
                if (next < 0)
                {
                    raw.CopyTo(buffer.AsSpan(length));
                    length += raw.Length;
                    break;
                }

                raw[..next].CopyTo(buffer.AsSpan(length));
                length += next;
                if (raw[next] != (byte)'"')
                {
                    raw = raw[(next + 1)..];
                    continue;
                }

                // A string: copy through its closing quote, escapes and all.
                var end = next + 1;
                while (true)
                {
                    end += raw[end..].IndexOfAny(QuoteOrBackslash);
                    if (raw[end] == (byte)'\\')
                    {
                        end += 2;
                        continue;
                    }

                    break;
                }

                raw[next..(end + 1)].CopyTo(buffer.AsSpan(length));
                length += end + 1 - next;
                raw = raw[(end + 1)..];
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One object member waiting to be written in order: its unescaped UTF-8 name in the name buffer.</summary>
    private readonly record struct Member(JsonElement Value, int NameStart, int NameLength, int Position);

    /// <summary>The buffers of one thread's canonicalization, reused record after record.</summary>
    private sealed class Canonicalizer
    {
        private const int BufferSize = 16 * 1024;

        private static readonly SearchValues<byte> Escaped = SearchValues.Create(
            [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', 0xED]);

        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _out = new byte[BufferSize];
        private readonly Comparison<Member> _byName;
        private int _length;
        private IBufferWriter<byte>? _capture;
        private Member[] _members = new Member[64];
        private int _memberCount;
        private byte[] _names = new byte[1024];
        private int _namesLength;
        private byte[] _scratch = new byte[1024];

        public Canonicalizer() => _byName = CompareNames;

        public void Hash(JsonElement element, Span<byte> hash, IBufferWriter<byte>? capture)
        {
            _capture = capture;
            _length = _memberCount = _namesLength = 0;
            try
            {
                Value(element);
                Flush();
                _sha.GetHashAndReset(hash);
            }
            catch
            {
                // Leave nothing of a failed value in the next record's hash.
                _sha.GetHashAndReset(hash);
                throw;
            }
            finally
            {
                _capture = null;
            }
        }

        private void Value(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    Object(element);
                    break;
                case JsonValueKind.Array:
                    Byte((byte)'[');
                    var first = true;
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!first)
                        {
                            Byte((byte)',');
                        }

                        first = false;
                        Value(item);
                    }

                    Byte((byte)']');
                    break;
                case JsonValueKind.String:
                    var quoted = JsonMarshal.GetRawUtf8Value(element);
                    StringValue(quoted[1..^1]);
                    break;
                case JsonValueKind.Number:
                    Number(JsonMarshal.GetRawUtf8Value(element));
                    break;
                case JsonValueKind.True:
                    Bytes("true"u8);
                    break;
                case JsonValueKind.False:
                    Bytes("false"u8);
                    break;
                default:
                    Bytes("null"u8);
                    break;
            }
        }

        private void Object(JsonElement element)
        {
            int start = _memberCount, namesStart = _namesLength, position = 0;
            foreach (var property in element.EnumerateObject())
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(property);
                var nameStart = _namesLength;
                if (name.Contains((byte)'\\'))
                {
                    Unescape(name, ref _names, ref _namesLength);
                }
                else
                {
                    Append(ref _names, ref _namesLength, name);
                }

                if (_memberCount == _members.Length)
                {
                    Array.Resize(ref _members, _members.Length * 2);
                }

                _members[_memberCount++] = new Member(property.Value, nameStart, _namesLength - nameStart, position++);
            }

            var end = _memberCount;
            _members.AsSpan(start, end - start).Sort(_byName);
            Byte((byte)'{');
            for (var i = start; i < end; i++)
            {
                // Members of nested objects go above `end` and are gone again when Value returns; the arrays may grow meanwhile.
                var member = _members[i];
                if (i > start)
                {
                    Byte((byte)',');
                }

                CanonicalString(_names.AsSpan(member.NameStart, member.NameLength));
                Byte((byte)':');
                Value(member.Value);
            }

            Byte((byte)'}');
            _memberCount = start;
            _namesLength = namesStart;
        }

        /// <summary>
        /// RFC 8785 §3.2.3: by UTF-16 code units. UTF-8 byte order is code point order, which differs from UTF-16
        /// order only between a character above U+FFFF (a surrogate pair, D800–DFFF) and one in U+E000–U+FFFF, so the
        /// first differing character decides through its first UTF-16 unit. Equal names keep their order in the payload.
        /// </summary>
        private int CompareNames(Member a, Member b)
        {
            var x = _names.AsSpan(a.NameStart, a.NameLength);
            var y = _names.AsSpan(b.NameStart, b.NameLength);
            var common = x.CommonPrefixLength(y);
            if (common == x.Length || common == y.Length)
            {
                return x.Length != y.Length ? x.Length - y.Length : a.Position - b.Position;
            }

            if (x[common] < 0x80 || y[common] < 0x80)
            {
                return x[common] - y[common];
            }

            var start = common;
            while ((x[start] & 0xC0) == 0x80)
            {
                start--;
            }

            int cx = Decode(x[start..]), cy = Decode(y[start..]);
            int ux = FirstUtf16Unit(cx), uy = FirstUtf16Unit(cy);
            return ux != uy ? ux - uy : cx - cy;
        }

        private static int FirstUtf16Unit(int codePoint) => codePoint < 0x10000 ? codePoint : 0xD800 + ((codePoint - 0x10000) >> 10);

        /// <summary>The code point UTF-8 (or, for a lone surrogate, WTF-8) bytes start with.</summary>
        private static int Decode(ReadOnlySpan<byte> s) => s[0] switch
        {
            < 0xE0 => ((s[0] & 0x1F) << 6) | (s[1] & 0x3F),
            < 0xF0 => ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F),
            _ => ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F),
        };

        /// <summary>A string value's content as the payload escapes it.</summary>
        private void StringValue(ReadOnlySpan<byte> escaped)
        {
            if (!escaped.Contains((byte)'\\'))
            {
                // Valid JSON has no raw control character, quote or backslash in a string: the bytes are canonical already.
                Byte((byte)'"');
                Bytes(escaped);
                Byte((byte)'"');
                return;
            }

            var length = 0;
            Unescape(escaped, ref _scratch, ref length);
            CanonicalString(_scratch.AsSpan(0, length));
        }

        /// <summary>Writes unescaped UTF-8 text as a JCS string (ECMAScript's JSON.stringify escaping, lone surrogates as \udxxx).</summary>
        private void CanonicalString(ReadOnlySpan<byte> text)
        {
            Byte((byte)'"');
            while (text.Length > 0)
            {
                var next = text.IndexOfAny(Escaped);
                if (next < 0)
                {
                    Bytes(text);
                    break;
                }

                Bytes(text[..next]);
                var b = text[next];
                if (b == 0xED)
                {
                    // U+D000–U+DFFF; from ED A0 on, a lone surrogate an escape in the payload produced.
                    if (text[next + 1] >= 0xA0)
                    {
                        Escape(0xD000 | ((text[next + 1] & 0x3F) << 6) | (text[next + 2] & 0x3F));
                        text = text[(next + 3)..];
                        continue;
                    }

                    Byte(b);
                }
                else
                {
                    switch (b)
                    {
                        case (byte)'"':
                            Bytes("\\\""u8);
                            break;
                        case (byte)'\\':
                            Bytes("\\\\"u8);
                            break;
                        case (byte)'\b':
                            Bytes("\\b"u8);
                            break;
                        case (byte)'\t':
                            Bytes("\\t"u8);
                            break;
                        case (byte)'\n':
                            Bytes("\\n"u8);
                            break;
                        case (byte)'\f':
                            Bytes("\\f"u8);
                            break;
                        case (byte)'\r':
                            Bytes("\\r"u8);
                            break;
                        default:
                            Escape(b);
                            break;
                    }
                }

                text = text[(next + 1)..];
            }

            Byte((byte)'"');
        }

        private void Escape(int unit)
        {
            Span<byte> escape = stackalloc byte[6];
            "\\u"u8.CopyTo(escape);
            unit.TryFormat(escape[2..], out _, "x4", CultureInfo.InvariantCulture);
            Bytes(escape);
        }

        /// <summary>Decodes a JSON string's escapes into UTF-8 (a lone surrogate as its 3-byte WTF-8 form).</summary>
        private static void Unescape(ReadOnlySpan<byte> escaped, ref byte[] buffer, ref int length)
        {
            Span<byte> utf8 = stackalloc byte[4];
            while (true)
            {
                var slash = escaped.IndexOf((byte)'\\');
                if (slash < 0)
                {
                    Append(ref buffer, ref length, escaped);
                    return;
                }

                Append(ref buffer, ref length, escaped[..slash]);
                var consumed = 2;
                int codePoint = escaped[slash + 1] switch
                {
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    (byte)'u' => -1,
                    var literal => literal, // " \ /
                };
                if (codePoint < 0)
                {
                    codePoint = Hex4(escaped.Slice(slash + 2, 4));
                    consumed = 6;
                    if (codePoint is >= 0xD800 and <= 0xDBFF && escaped.Length >= slash + 12
                        && escaped[slash + 6] == (byte)'\\' && escaped[slash + 7] == (byte)'u'
                        && Hex4(escaped.Slice(slash + 8, 4)) is >= 0xDC00 and <= 0xDFFF and var low)
                    {
                        codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                        consumed = 12;
                    }
                }

                Append(ref buffer, ref length, utf8[..EncodeUtf8(codePoint, utf8)]);
                escaped = escaped[(slash + consumed)..];
            }
        }

        private static int Hex4(ReadOnlySpan<byte> hex) =>
            int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

        private static int EncodeUtf8(int codePoint, Span<byte> utf8)
        {
            switch (codePoint)
            {
                case < 0x80:
                    utf8[0] = (byte)codePoint;
                    return 1;
                case < 0x800:
                    utf8[0] = (byte)(0xC0 | (codePoint >> 6));
                    utf8[1] = (byte)(0x80 | (codePoint & 0x3F));
                    return 2;
                case < 0x10000:
                    utf8[0] = (byte)(0xE0 | (codePoint >> 12));
                    utf8[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    utf8[2] = (byte)(0x80 | (codePoint & 0x3F));
                    return 3;
                default:
                    utf8[0] = (byte)(0xF0 | (codePoint >> 18));
                    utf8[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    utf8[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    utf8[3] = (byte)(0x80 | (codePoint & 0x3F));
                    return 4;
            }
        }

        /// <summary>RFC 8785 §3.2.2.3: the nearest double, as ECMAScript writes it; integer literals keep their digits (see the type).</summary>
        private void Number(ReadOnlySpan<byte> literal)
        {
            if (!literal.ContainsAny((byte)'.', (byte)'e', (byte)'E'))
            {
                if (literal.SequenceEqual("-0"u8))
                {
                    Byte((byte)'0');
                }
                else
                {
                    Bytes(literal);
                }

                return;
            }

            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                Bytes(literal);
                return;
            }

            if (value == 0)
            {
                Byte((byte)'0');
                return;
            }

            // .NET's "R" is the shortest text that reads back as the same double (the digits ECMAScript picks too);
            // only its layout differs, so take its digits and decimal exponent and lay them out as ECMAScript does.
            Span<byte> text = stackalloc byte[32];
            value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
            text = text[..written];
            if (text[0] == (byte)'-')
            {
                Byte((byte)'-');
                text = text[1..];
            }

            var exponent = 0;
            var e = text.IndexOf((byte)'E');
            if (e >= 0)
            {
                exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                text = text[..e];
            }

            var point = text.IndexOf((byte)'.');
            Span<byte> digits = stackalloc byte[32];
            var k = 0;
            foreach (var b in text)
            {
                if (b != (byte)'.')
                {
                    digits[k++] = b;
                }
            }

            // value = 0.d1d2…dk × 10^n, d1 ≠ 0 (ECMAScript's k and n).
            var n = (point < 0 ? text.Length : point) + exponent;
            var lead = 0;
            while (digits[lead] == (byte)'0')
            {
                lead++;
            }

            n -= lead;
            digits = digits[lead..k];
            k = digits.Length;
            while (k > 1 && digits[k - 1] == (byte)'0')
            {
                k--;
            }

            digits = digits[..k];
            if (k <= n && n <= 21)
            {
                Bytes(digits);
                for (var i = k; i < n; i++)
                {
                    Byte((byte)'0');
                }
            }
            else if (n is > 0 and <= 21)
            {
                Bytes(digits[..n]);
                Byte((byte)'.');
                Bytes(digits[n..]);
            }
            else if (n is > -6 and <= 0)
            {
                Bytes("0."u8);
                for (var i = n; i < 0; i++)
                {
                    Byte((byte)'0');
                }

                Bytes(digits);
            }
            else
            {
                Byte(digits[0]);
                if (k > 1)
                {
                    Byte((byte)'.');
                    Bytes(digits[1..]);
                }

                Byte((byte)'e');
                Byte(n - 1 >= 0 ? (byte)'+' : (byte)'-');
                Span<byte> power = stackalloc byte[4];
                Math.Abs(n - 1).TryFormat(power, out var powerLength, default, CultureInfo.InvariantCulture);
                Bytes(power[..powerLength]);
            }
        }

        private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
        {
            if (length + bytes.Length > buffer.Length)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes.Length));
            }

            bytes.CopyTo(buffer.AsSpan(length));
            length += bytes.Length;
        }

        private void Byte(byte b)
        {
            if (_length == _out.Length)
            {
                Flush();
            }

            _out[_length++] = b;
        }

        private void Bytes(ReadOnlySpan<byte> bytes)
        {
            while (bytes.Length > 0)
            {
                if (_length == _out.Length)
                {
                    Flush();
                }

                var n = Math.Min(bytes.Length, _out.Length - _length);
                bytes[..n].CopyTo(_out.AsSpan(_length));
                _length += n;
                bytes = bytes[n..];
            }
        }

        private void Flush()
        {
            _sha.AppendData(_out, 0, _length);
            _capture?.Write(_out.AsSpan(0, _length));
            _length = 0;
        }
    }
}
