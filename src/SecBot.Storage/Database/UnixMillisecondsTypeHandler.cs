using System.Data;
using System.Globalization;
using Dapper;

namespace SecBot.Storage.Database;

/// <summary>Stores every <see cref="DateTimeOffset"/> Dapper sees as INTEGER unix epoch milliseconds (UTC).</summary>
internal sealed class UnixMillisecondsTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value.ToUnixTimeMilliseconds();
    }

    public override DateTimeOffset Parse(object value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
}
