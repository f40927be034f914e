namespace SecBot.Storage;

/// <summary>Large deletes done as a series of small write transactions, so other writes get the writer in between.</summary>
public static class StoreBatches
{
    public const int DeleteBatchSize = 5_000;

    /// <summary>
    /// Runs <paramref name="deleteSql"/> (which deletes at most <c>@Limit</c> rows older than <c>@Before</c>) until a
    /// run deletes fewer than a full batch; returns how many rows were deleted in all.
    /// </summary>
    public static async Task<int> DeleteAllAsync(IStore store, string deleteSql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(deleteSql);
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.WriteAsync(
                transaction => transaction.ExecuteAsync(deleteSql, new { Before = before, Limit = DeleteBatchSize }), cancellationToken);
            total += deleted;
        }
        while (deleted == DeleteBatchSize);

        return total;
    }
}
