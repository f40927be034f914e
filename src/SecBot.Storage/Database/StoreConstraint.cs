namespace SecBot.Storage.Database;

/// <summary>A constraint whose violation a caller expects and handles (<see cref="StoreTransaction.TryAsync"/>), named the same on every provider.</summary>
public enum StoreConstraint
{
    /// <summary>A unique index refused a second row (e.g. a seat filled twice).</summary>
    Unique,

    /// <summary>A foreign key refused a delete of a row still referenced (e.g. a person with history).</summary>
    ForeignKey,
}
