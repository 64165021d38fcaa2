using System.Globalization;
using Greenhouse.Transform.Templates;
using Greenhouse.Warehouse;

namespace Greenhouse.Transform.Compiling;

/// <summary>
/// dbt's <c>Column</c>, what <c>adapter.get_columns_in_relation</c> lists: <c>name</c> (and <c>column</c>),
/// <c>quoted</c>, <c>data_type</c> (the type as the warehouse spells it, <c>character varying(20)</c>),
/// <c>dtype</c> (without its size), <c>char_size</c>, and <c>is_string()</c>, <c>is_number()</c>,
/// <c>is_numeric()</c>, <c>is_integer()</c>, <c>is_float()</c>, <c>string_size()</c>. A SQLite column may have
/// no declared type (a view's expression): its <c>data_type</c> is empty and every <c>is_</c> test is false.
/// </summary>
internal sealed class TemplateColumn(WarehouseDialect dialect, RelationColumn column) : ITemplateObject
{
    private static readonly string[] Strings = ["text", "character varying", "varchar", "character", "char", "clob", "nvarchar", "nchar", "string"];
    private static readonly string[] Integers = ["smallint", "integer", "int", "bigint", "smallserial", "serial", "bigserial", "int2", "int4", "int8", "tinyint", "mediumint"];
    private static readonly string[] Floats = ["real", "float", "float4", "float8", "double", "double precision"];
    private static readonly string[] Numerics = ["numeric", "decimal", "num"];

    public string Name => column.Name;

    /// <summary>The type without its size or precision, lower case.</summary>
    private string Dtype
    {
        get
        {
            var type = column.Type.Trim();
            var open = type.IndexOf('(', StringComparison.Ordinal);
            return (open < 0 ? type : type[..open]).Trim().ToLowerInvariant();
        }
    }

    private long? CharSize
    {
        get
        {
            var open = column.Type.IndexOf('(', StringComparison.Ordinal);
            var close = column.Type.IndexOf(')', StringComparison.Ordinal);
            return IsString && open >= 0 && close > open
                && long.TryParse(column.Type.AsSpan(open + 1, close - open - 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                ? size
                : null;
        }
    }

    private bool IsString => Strings.Contains(Dtype);

    private bool IsInteger => Integers.Contains(Dtype);

    private bool IsFloat => Floats.Contains(Dtype);

    private bool IsNumeric => Numerics.Contains(Dtype);

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "name" or "column" => column.Name,
            "quoted" => dialect.Quote(column.Name),
            "data_type" => column.Type,
            "dtype" => Dtype,
            "char_size" => CharSize,
            "is_string" => Test(IsString),
            "is_integer" => Test(IsInteger),
            "is_float" => Test(IsFloat),
            "is_numeric" => Test(IsNumeric),
            "is_number" => Test(IsInteger || IsFloat || IsNumeric),
            "string_size" => new TemplateFunction(_ => IsString
                ? CharSize ?? 256L
                : throw new TemplateException($"string_size() was called on column '{column.Name}', which is not a string ({column.Type}).")),
            _ => Missing,
        };
        return !ReferenceEquals(value, Missing);
    }

    private static readonly object Missing = new();

    private static TemplateFunction Test(bool result) => _ => result;

    public override string ToString() => $"<Column {column.Name} ({column.Type})>";
}
