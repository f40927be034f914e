namespace SecBot.Teams.Authentication;

/// <summary>The OpenID metadata or its key set could not be fetched or read; the message says which and why.</summary>
internal sealed class SigningKeyFetchException : Exception
{
    public SigningKeyFetchException(string message) : base(message) { }

    public SigningKeyFetchException(string message, Exception inner) : base(message, inner) { }

    public SigningKeyFetchException() { }
}
