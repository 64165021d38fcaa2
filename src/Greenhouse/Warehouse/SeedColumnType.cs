namespace Greenhouse.Warehouse;

/// <summary>What a seed column's values all are, inferred the way dbt's seeds infer them; each dialect names its SQL type.</summary>
internal enum SeedColumnType
{
    Integer,
    /// <summary>An integer column with a value beyond 32 bits.</summary>
    BigInteger,
    Numeric,
    Boolean,
    Date,
    Timestamp,
    Text,
}
