namespace SecBot.Storage.Database;

/// <summary>The tables whose ids people read and type (<c>INC-12</c>, <c>REV-7</c>), numbered by the store.</summary>
public enum NumberedTable
{
    Incidents,
    Gates,
}
