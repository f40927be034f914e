using System.Text;
using System.Text.Json;

namespace SecBot.Host.Configuration;

/// <summary>
/// Says where a settings file stops being JSON — the file, the line and column as an editor counts them (from 1, in
/// characters), and what was expected — instead of the provider's "Failed to load configuration from file".
/// </summary>
public static class SettingsFileSyntax
{
    public static string Describe(string path, Exception loadFailure)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(loadFailure);
        if (Find<JsonException>(loadFailure) is { LineNumber: { } line, BytePositionInLine: { } bytes } json)
        {
            return $"{path}: line {line + 1}, column {Column(path, line, bytes)}: {Reason(json.Message)}";
        }

        // Valid JSON the provider still refuses: a duplicate key, or an array where the top-level object should be.
        return $"{path}: {loadFailure.GetBaseException().Message}";
    }

    /// <summary>
    /// For a file loaded before <see cref="SettingsSources.UseSettingsFile"/> could set a handler — the host builder reads
    /// <c>appsettings.json</c> in the working directory itself — the path comes from the provider's message, which quotes it.
    /// </summary>
    public static string? Describe(InvalidDataException loadFailure)
    {
        ArgumentNullException.ThrowIfNull(loadFailure);
        if (Find<FormatException>(loadFailure) is null) return null;
        var message = loadFailure.Message;
        var (first, last) = (message.IndexOf('\'', StringComparison.Ordinal), message.LastIndexOf('\''));
        return last > first + 1 ? Describe(message[(first + 1)..last], loadFailure) : $"{message} {Reason(loadFailure.GetBaseException().Message)}";
    }

    private static TException? Find<TException>(Exception? exception) where TException : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is TException found) return found;
        }

        return null;
    }

    /// <summary>The reader's message without its 0-based position suffix, with what was expected where it leaves that out.</summary>
    private static string Reason(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (end >= 0 ? message[..end] : message).Trim().TrimEnd('.');
        if (reason.EndsWith("is an invalid start of a value", StringComparison.Ordinal))
            return $"{reason}; expected a value: a \"string\", a number, true, false, null, an {{object}} or an [array]";
        if (reason.StartsWith("Expected depth to be zero", StringComparison.Ordinal))
            return "the file ends inside an object or array; expected a closing '}' or ']'";
        return reason;
    }

    /// <summary>
    /// The reader counts bytes from 0 after the byte-order mark; an editor counts characters from 1. Falls back to the
    /// byte count when the file cannot be read again.
    /// </summary>
    private static long Column(string path, long line, long bytePosition)
    {
        try
        {
            var content = File.ReadAllBytes(path).AsSpan();
            if (content.StartsWith(Encoding.UTF8.Preamble)) content = content[Encoding.UTF8.Preamble.Length..];
            for (var i = 0L; i < line; i++)
            {
                var newline = content.IndexOf((byte)'\n');
                if (newline < 0) return bytePosition + 1;
                content = content[(newline + 1)..];
            }

            var length = (int)Math.Min(bytePosition, content.Length);
            return Encoding.UTF8.GetCharCount(content[..length]) + 1;
        }
        catch (IOException)
        {
            return bytePosition + 1;
        }
        catch (UnauthorizedAccessException)
        {
            return bytePosition + 1;
        }
    }
}
