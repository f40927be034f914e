using Npgsql;
using SecBot.Storage.Ledger;

namespace SecBot.Storage.Tests.Ledger;

/// <summary>Verify and export still speak SQLite's dialect: on another provider's connection they refuse, saying so, before touching it.</summary>
public sealed class LedgerOtherProviderTests
{
    [Fact]
    public async Task Verify_on_a_PostgreSQL_connection_is_refused_by_name()
    {
        await using var connection = new NpgsqlConnection();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => LedgerVerifier.VerifyAsync(connection, CancellationToken.None));

        Assert.Equal("ledger verify runs on SQLite only for now; this store's connection is a NpgsqlConnection", refused.Message);
    }

    [Fact]
    public async Task Export_on_a_PostgreSQL_connection_is_refused_by_name_and_writes_nothing()
    {
        await using var connection = new NpgsqlConnection();
        await using var output = new StringWriter();

        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => LedgerExporter.ExportAsync(connection, output, LedgerExportFormat.Csv, null, CancellationToken.None));

        Assert.Equal("ledger export runs on SQLite only for now; this store's connection is a NpgsqlConnection", refused.Message);
        Assert.Equal("", output.ToString());
    }
}
