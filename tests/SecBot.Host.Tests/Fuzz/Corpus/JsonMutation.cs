namespace SecBot.Testing.Fuzz;

/// <summary>One way a hostile or broken sender can spoil a JSON body (see <see cref="JsonMutator"/>).</summary>
internal enum JsonMutation
{
    Truncate,
    DropMember,
    NullMember,
    WrongType,
    BlankString,
    HugeString,
    ArbitraryString,
    UnpairedSurrogateEscape,
    InvalidUtf8InString,
    InvalidUtf8Anywhere,
    DuplicateKey,
    DeepNesting,
    FlipBytes,
    NotAnObject,
}
