using System.Globalization;
using System.Text;
using Dapper;

namespace SecBot.Storage;

/// <summary>
/// The text of a multi-row statement (<c>INSERT ... VALUES (...), (...)</c>) for each row count, built once per count
/// and reused, so Dapper's command cache sees the same string every time. Row <c>i</c>'s parameters are the row
/// template's <c>{0}</c> replaced by <c>i</c>.
/// </summary>
public sealed class MultiRowSql
{
    /// <summary>The most rows one statement takes (well inside SQLite's limit on bound parameters).</summary>
    public const int MaxRows = 64;

    private readonly string _head;
    private readonly string _row;
    private readonly string?[] _byCount = new string?[MaxRows + 1];

    public MultiRowSql(string head, string row)
    {
        _head = head;
        _row = row;
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> in order, <see cref="MaxRows"/> per statement: each statement binds the
    /// <paramref name="shared"/> parameters once and each row's <paramref name="columns"/> under its index.
    /// </summary>
    public async Task ExecuteAsync<TRow>(
        StoreTransaction transaction, IReadOnlyList<TRow> rows, IReadOnlyList<(string Name, object? Value)> shared, Func<TRow, (string Name, object? Value)[]> columns)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(columns);
        for (var start = 0; start < rows.Count; start += MaxRows)
        {
            var count = Math.Min(MaxRows, rows.Count - start);
            var parameters = new DynamicParameters();
            foreach (var (name, value) in shared) parameters.Add(name, value);
            for (var i = 0; i < count; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                foreach (var (name, value) in columns(rows[start + i])) parameters.Add(name + suffix, value);
            }

            await transaction.ExecuteAsync(For(count), parameters);
        }
    }

    public string For(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, MaxRows);
        if (Volatile.Read(ref _byCount[rows]) is { } cached) return cached;

        var text = new StringBuilder(_head);
        for (var i = 0; i < rows; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(string.Format(CultureInfo.InvariantCulture, _row, i));
        }

        var built = text.ToString();
        Volatile.Write(ref _byCount[rows], built);
        return built;
    }
}
