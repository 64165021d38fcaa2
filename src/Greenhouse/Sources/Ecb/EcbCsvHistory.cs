using System.Globalization;
using System.IO.Compression;

namespace Greenhouse.Sources.Ecb;

/// <summary>
/// The ECB's CSV history (<c>eurofxref-hist.zip</c>, or the <c>.csv</c> inside it): a header <c>Date,USD,JPY,…,</c> and one
/// line per day, newest first, <c>N/A</c> (or empty) where a currency had no rate. Read line by line from the file the
/// <c>history_csv</c> setting names.
/// </summary>
internal static class EcbCsvHistory
{
    public static IEnumerable<EcbDay> ReadDays(string stream, string path)
    {
        if (!File.Exists(path))
        {
            throw new SourceException($"{stream}: history_csv '{path}' does not exist. Point it at ECB's eurofxref-hist.zip (or the CSV inside it), or remove the setting.");
        }

        using var file = File.OpenRead(path);
        using var zip = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? new ZipArchive(file, ZipArchiveMode.Read) : null;
        var entry = zip?.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        if (zip is not null && entry is null)
        {
            throw new SourceException($"{stream}: history_csv '{path}' is a zip without a .csv file in it.");
        }

        using var reader = new StreamReader(entry?.Open() ?? file);
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim()).ToArray();
        if (header is null || header.Length < 2 || header[0] != "Date")
        {
            throw Malformed(stream, path, 1, "the first line is not a 'Date,USD,JPY,…' header");
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw Malformed(stream, path, number, $"'{cells[0]}' is not a yyyy-MM-dd date");
            }

            var rates = new List<KeyValuePair<string, string>>(header.Length);
            for (var i = 1; i < Math.Min(cells.Length, header.Length); i++)
            {
                var (currency, rate) = (header[i], cells[i].Trim());
                if (currency.Length == 0 || rate.Length == 0 || rate == "N/A")
                {
                    continue;
                }

                if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)
                    || !decimal.TryParse(rate, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
                {
                    throw Malformed(stream, path, number, $"{currency} = '{rate}' is not a currency code with a positive decimal rate");
                }

                rates.Add(new(currency, rate));
            }

            yield return new EcbDay(date, rates);
        }
    }

    private static SourceException Malformed(string stream, string path, int line, string what) =>
        new($"{stream}: history_csv '{path}' line {line}: {what}. Nothing was committed and the cursor did not move.");
}
