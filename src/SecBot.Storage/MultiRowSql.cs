using System.Globalization;
using System.Text;

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
