namespace Greenhouse.Catalog;

/// <summary>A catalog request that cannot be answered as asked (an unknown table, a bad limit); the message says what to do instead.</summary>
public sealed class CatalogException : Exception
{
    public CatalogException()
    {
    }

    public CatalogException(string message) : base(message)
    {
    }

    public CatalogException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
