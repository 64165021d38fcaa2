using Greenhouse.Sources;

namespace Greenhouse.Warehouse;

/// <summary>The landed stream tables: their shape, the batch commit that fills them, and their size.</summary>
public interface IStreamStore
{
    /// <summary>The table name to use in SQL, qualified and quoted as this dialect needs.</summary>
    string TableSql(StreamDescriptor stream);

    /// <summary>How SQL names one of Greenhouse's own tables (<c>_gh_questions</c>): beside the raw tables on PostgreSQL, unprefixed on SQLite.</summary>
    string MetadataTableSql(string table);

    /// <summary>Creates the stream's table, or adds the columns it declares that the table lacks.</summary>
    Task EnsureStreamTableAsync(StreamDescriptor stream, CancellationToken cancellationToken = default);

    /// <summary>Writes rows, state and counters in one transaction (see <see cref="BatchCommit"/>).</summary>
    Task<BatchCounts> CommitBatchAsync(BatchCommit batch, CancellationToken cancellationToken = default);

    /// <summary>Rows not soft-deleted.</summary>
    Task<long> CountRowsAsync(StreamDescriptor stream, CancellationToken cancellationToken = default);
}
