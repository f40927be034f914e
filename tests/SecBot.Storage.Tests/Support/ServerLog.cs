using System.Diagnostics;

namespace SecBot.Storage.Tests.Support;

/// <summary>The last lines a running server printed, kept so a failure to start or stop can say why.</summary>
internal sealed class ServerLog
{
    private const int Capacity = 200;

    private readonly Queue<string> _lines = new();

    public void Follow(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool Contains(string text)
    {
        lock (_lines) return _lines.Any(line => line.Contains(text, StringComparison.Ordinal));
    }

    public override string ToString()
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines);
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            if (_lines.Count == Capacity) _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }
}
