using System.Collections;
using System.Globalization;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// An agate table as dbt's <c>run_query</c> and <c>load_result(...).table</c> return it: <c>column_names</c>,
/// <c>columns</c> (by position or name, each with <c>name</c> and <c>values()</c>), <c>rows</c> (each by position or
/// column name), <c>print_table()</c> (does nothing: compile output stays the SQL). Dates and timestamps read as
/// ISO-8601 text, numbers as numbers.
/// </summary>
internal sealed class QueryTable : ITemplateObject
{
    private readonly NamedList _columns;
    private readonly List<object?> _rows;
    private readonly string[] _names;

    public QueryTable(QueryResult result)
    {
        _names = [.. result.Columns];
        var dates = result.Columns.Select((_, i) => i < result.ColumnTypes.Count && string.Equals(result.ColumnTypes[i], "date", StringComparison.OrdinalIgnoreCase)).ToArray();
        _rows = [.. result.Rows.Select(row => (object?)new NamedList(_names, [.. row.Select((v, i) => Value(v, dates[i]))]))];
        var columns = new object?[_names.Length];
        for (var i = 0; i < _names.Length; i++)
        {
            var index = i;
            columns[i] = new Column(_names[i], [.. _rows.Select(r => ((NamedList)r!)[index])]);
        }

        _columns = new NamedList(_names, columns);
    }

    /// <summary>The rows as tuples, dbt's <c>load_result(...)['data']</c>.</summary>
    public IReadOnlyList<object?> Data => [.. _rows.Select(r => (object?)new PyTuple([.. (NamedList)r!]))];

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "column_names" => new PyTuple([.. _names]),
            "columns" => _columns,
            "rows" => _rows,
            "print_table" => new TemplateFunction(_ => null),
            _ => null,
        };
        return name is "column_names" or "columns" or "rows" or "print_table";
    }

    public override string ToString() => $"<agate.Table: {_rows.Count} rows, columns {string.Join(", ", _names)}>";

    /// <summary>A driver's value as templates read it: dates as ISO text (as Python prints a datetime), numbers and text as they are.</summary>
    private static object? Value(object? value, bool isDate) => value switch
    {
        null or DBNull => null,
        string or bool or long or double or decimal => value,
        int or short or byte or sbyte or uint or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        DateTime d when isDate => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString(d.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString(d.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:sszzz" : "yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A row (or the columns): a list by position that also answers its names as attributes and keys.</summary>
    private sealed class NamedList(string[] names, object?[] items) : IReadOnlyList<object?>, ITemplateObject
    {
        public object? this[int index] => items[index];

        public int Count => items.Length;

        public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public bool TryGetAttribute(string name, out object? value)
        {
            var index = Array.IndexOf(names, name);
            if (index < 0)
            {
                index = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            }

            if (index >= 0)
            {
                value = items[index];
                return true;
            }

            value = name switch
            {
                "keys" => new TemplateFunction(_ => new PyTuple([.. names])),
                "values" => new TemplateFunction(_ => new PyTuple([.. items])),
                _ => null,
            };
            return value is not null;
        }
    }

    private sealed class Column(string name, object?[] values) : ITemplateObject
    {
        public bool TryGetAttribute(string attribute, out object? value)
        {
            value = attribute switch
            {
                "name" => name,
                "values" => new TemplateFunction(_ => new PyTuple(values)),
                _ => null,
            };
            return value is not null;
        }

        public override string ToString() => $"<agate.Column {name}>";
    }
}
