using System.Globalization;
using System.Net;
using System.Xml;
using Greenhouse.Sources.Http;

namespace Greenhouse.Sources.Ecb;

/// <summary>
/// The ECB's euro reference-rate files (<c>eurofxref-hist.xml</c>, <c>eurofxref-hist-90d.xml</c>): downloads one and reads
/// its <c>Cube time=…</c> days forward-only with a namespace-aware <see cref="XmlReader"/>, so the days of a 27-year file are
/// never all in memory at once (the shared HTTP client does buffer the file's bytes, for retries).
/// </summary>
internal sealed class EcbFeed(VendorHttpClient http)
{
    public const string HistoryFile = "eurofxref-hist.xml";
    public const string Last90DaysFile = "eurofxref-hist-90d.xml";

    /// <summary>The default namespace of every <c>Cube</c> element.</summary>
    public const string Namespace = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

    public async Task<byte[]> DownloadAsync(string stream, string file, CancellationToken cancellationToken = default)
    {
        var response = await http.GetAsync(file, cancellationToken: cancellationToken);
        if (response.IsSuccess)
        {
            return response.Body;
        }

        var detail = $"HTTP {(int)response.Status}: {response.BodyText(200)}";
        throw new SourceException(response.Status switch
        {
            HttpStatusCode.NotFound =>
                $"{stream}: GET {file} was not found ({detail}). Check the source's base_url ({http.BaseUrl}); the ECB's is https://www.ecb.europa.eu/stats/eurofxref.",
            HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError =>
                $"{stream}: GET {file} still failed after {response.Attempts} attempt(s) ({detail}). The ECB is unavailable; nothing was committed, rerun later.",
            _ => $"{stream}: GET {file} was rejected ({detail}).",
        });
    }

    /// <summary>
    /// Reads every day of <paramref name="xml"/> in file order (newest first). A file that is not well-formed XML,
    /// or whose dates, currencies or rates do not parse, throws <see cref="SourceException"/>.
    /// </summary>
    public static IEnumerable<EcbDay> ReadDays(string stream, string file, byte[] xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
        EcbDay? day;
        while ((day = Next(stream, file, reader)) is not null)
        {
            yield return day;
        }
    }

    private static EcbDay? Next(string stream, string file, XmlReader reader)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Cube" || reader.NamespaceURI != Namespace
                    || reader.GetAttribute("time") is not { } time)
                {
                    continue;
                }

                if (!DateOnly.TryParseExact(time, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Malformed(stream, file, $"the day '{time}' is not a yyyy-MM-dd date");
                }

                var rates = new List<KeyValuePair<string, string>>(32);
                using (var day = reader.ReadSubtree())
                {
                    while (day.Read())
                    {
                        if (day.NodeType != XmlNodeType.Element || day.LocalName != "Cube" || day.NamespaceURI != Namespace
                            || day.GetAttribute("currency") is not { } currency)
                        {
                            continue;
                        }

                        var rate = day.GetAttribute("rate");
                        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
                        {
                            throw Malformed(stream, file, $"{time} has a currency '{currency}' that is not a three-letter code");
                        }

                        if (rate is null || !decimal.TryParse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
                        {
                            throw Malformed(stream, file, $"{time} {currency} has a rate '{rate}' that is not a positive decimal");
                        }

                        rates.Add(new(currency, rate));
                    }
                }

                return new EcbDay(date, rates);
            }

            return null;
        }
        catch (XmlException e)
        {
            throw new SourceException(
                $"{stream}: {file} is not well-formed XML ({e.Message}). Nothing was committed and the cursor did not move; rerun to retry.", e);
        }
    }

    private static SourceException Malformed(string stream, string file, string what) =>
        new($"{stream}: {file} is not a valid ECB reference-rate file: {what}. Nothing was committed and the cursor did not move.");
}
