namespace Greenhouse.Sources;

/// <summary>The types a stream may declare for its queryable columns. Each warehouse maps them to its own SQL types.</summary>
public enum ColumnType
{
    /// <summary>Text. A JSON object with an <c>id</c> (an expanded reference) yields that id.</summary>
    Text,
    /// <summary>A 64-bit integer (amounts in minor units, counts).</summary>
    Integer,
    /// <summary>A decimal number kept exactly (rates, quantities).</summary>
    Decimal,
    Boolean,
    /// <summary>A UTC instant; the JSON value is Unix seconds or an ISO 8601 string.</summary>
    Timestamp,
}
