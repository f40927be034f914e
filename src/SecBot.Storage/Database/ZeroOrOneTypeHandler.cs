using System.Data;
using System.Globalization;
using Dapper;

namespace SecBot.Storage.Database;

/// <summary>
/// Stores every <see cref="bool"/> Dapper sees as INTEGER 0 or 1: the flag columns are integers on both providers
/// (SQLite has no boolean), and PostgreSQL refuses a boolean parameter for a bigint column. Reads take either an
/// integer or a boolean (a PostgreSQL expression such as EXISTS).
/// </summary>
internal sealed class ZeroOrOneTypeHandler : SqlMapper.TypeHandler<bool>
{
    public override void SetValue(IDbDataParameter parameter, bool value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value ? 1L : 0L;
    }

    public override bool Parse(object value) =>
        value is bool flag ? flag : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;
}
