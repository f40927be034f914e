using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SecBot.Storage.Ledger;

/// <summary>
/// The ledger's hash: <c>hash = lowercase hex SHA-256(canonical record)</c>, where the canonical record is
/// the UTF-8 encoding of these fields, in this order, each written as a 4-byte big-endian byte length followed
/// by its bytes (a NULL column is the length <c>0xFFFFFFFF</c> and no bytes):
/// <code>
/// "secbot-ledger/1", prev_hash ('' for the first record), id, gate_id, revision, stage, seat, kind,
/// person_id, person_name, role_held, decision, comment, checklist, platform, is_override, optional_seat, at
/// </code>
/// Integers (ids, revision, stage, the 0/1 flags and <c>at</c> in unix milliseconds) are written as invariant
/// decimal text; text columns as stored. Every column but <c>hash</c> and <c>is_stale</c> is covered, and
/// <c>prev_hash</c> chains each record to the one before it. One instance reuses its SHA-256 state and buffer;
/// it is not thread-safe.
/// </summary>
public sealed class LedgerHasher : IDisposable
{
    public const string FormatTag = "secbot-ledger/1";

    private const int NullLength = -1;
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[1024];
    private int _length;

    /// <summary>The hash <paramref name="record"/> must carry, given its <see cref="LedgerRecord.PrevHash"/>.</summary>
    public string Compute(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _length = 0;
        Text(FormatTag);
        Text(record.PrevHash ?? "");
        Number(record.Id);
        Number(record.GateId);
        Number(record.Revision);
        Number(record.Stage);
        Text(record.Seat);
        Text(record.Kind);
        Text(record.PersonId);
        Text(record.PersonName);
        Text(record.RoleHeld);
        Text(record.Decision);
        Text(record.Comment);
        Text(record.Checklist);
        Text(record.Platform);
        Number(record.IsOverride ? 1 : 0);
        Number(record.OptionalSeat ? 1 : 0);
        Number(record.At);

        _sha.AppendData(_buffer, 0, _length);
        Span<byte> digest = stackalloc byte[32];
        _sha.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    public void Dispose() => _sha.Dispose();

    private void Text(string? value)
    {
        if (value is null)
        {
            Length(NullLength);
            return;
        }

        Ensure(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private void Number(long value)
    {
        Ensure(4 + 20);
        if (!Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length + 4), out var written))
        {
            throw new InvalidOperationException("a 64-bit integer did not fit in 20 bytes");
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private void Length(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }
}
