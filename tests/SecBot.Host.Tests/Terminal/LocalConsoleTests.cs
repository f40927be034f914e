using SecBot.Host.Tests.Support;

namespace SecBot.Host.Tests.Terminal;

public sealed class LocalConsoleTests
{
    [Fact]
    public async Task Stdout_holds_answers_and_delivered_messages_in_order_and_the_logs_go_to_stderr()
    {
        using var dir = new TempDirectory();

        var run = await TerminalRun.RunAsync(dir, "help ack\n\n   \nstatus\ndeclare Disk full on db1\nstatus\n", "--as", "maya", "--Logging:Terminal:LogLevel:Default=Information");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ack [INC-n]", run.Output, StringComparison.Ordinal);
        var noneOpen = run.At("No open incidents.");
        var declared = run.At("INC-1: Disk full on db1");
        var page = run.At("You are paged at L1");
        var announcement = run.At("── to the incidents channel ──");
        var openNow = run.At("1 open incident:");
        Assert.True(noneOpen < declared && declared < page && page < openNow && announcement < openNow, run.Output);
        // The page is to someone, named by the roster; who is on call is the policy's business, not this test's.
        Assert.Matches(@"── to [^\n]+ \([a-z]+\) ──\nINC-1: Disk full on db1\nYou are paged at L1", run.Output);
        Assert.Contains("Commands: ack INC-1 · escalate INC-1 [reason] · resolve INC-1 <summary>", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Actions:", run.Output, StringComparison.Ordinal);
        foreach (var log in new[] { "info:", "warn:", "Now listening", "Press Ctrl+C", "Application started", "shutting down", "maya> " })
            Assert.DoesNotContain(log, run.Output, StringComparison.Ordinal);
        Assert.Contains("info: SecBot.Host[1] SecBot starting", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_person_is_refused_with_the_roster_ids_before_anything_starts()
    {
        using var dir = new TempDirectory();

        var run = await TerminalRun.RunAsync(dir, "declare Disk full\n", "--as", "nobody");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("'nobody' is not on the roster", run.Error, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", TerminalRun.RosterIds(dir)), run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: SecBot.Host console --as <person-id>", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath), "no database is created for a refused session");
    }

    [Fact]
    public async Task Without_as_the_usage_is_shown()
    {
        using var dir = new TempDirectory();

        var run = await TerminalRun.RunAsync(dir, "", "--as");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("usage: SecBot.Host console --as <person-id>", run.Error.Trim());
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task Declare_without_a_title_asks_the_form_field_by_field_and_declares_what_was_answered()
    {
        using var dir = new TempDirectory();

        // The title is required: a blank answer is asked again; the level is given, the type left out.
        var run = await TerminalRun.RunAsync(dir, "declare\n\n  Disk full on db1  \nL2\n\n", "--as", "maya");

        Assert.Equal(0, run.ExitCode);
        var firstAsk = run.At("Title:\n");
        var required = run.At("Title is required.\n");
        var askedAgain = run.Output.IndexOf("Title:\n", required, StringComparison.Ordinal);
        var level = run.At("Level (L1, L2");
        var type = run.At("Type (general");
        var declared = run.At("INC-1: Disk full on db1\n");
        Assert.True(firstAsk < required && required < askedAgain && askedAgain < level && level < type && type < declared, run.Output);
        Assert.Contains("(optional):", run.Output, StringComparison.Ordinal);
        Assert.Contains("\nLevel: L2\nType: general\n", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Declare an incident\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_of_input_inside_a_form_declares_nothing()
    {
        using var dir = new TempDirectory();

        var run = await TerminalRun.RunAsync(dir, "declare\nDisk full on db1\n", "--as", "maya");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("input ended before the form was filled; nothing was done", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task End_of_input_right_after_a_declare_still_prints_the_page_it_caused()
    {
        using var dir = new TempDirectory();

        var run = await TerminalRun.RunAsync(dir, "declare Disk full on db1", "--as", "maya");

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.At("INC-1: Disk full on db1") < run.At("You are paged at L1"), run.Output);
        Assert.DoesNotContain("not delivered", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quit_ends_the_session_and_what_follows_is_not_run()
    {
        using var dir = new TempDirectory();

        var run = await TerminalRun.RunAsync(dir, "status\nquit\ndeclare Disk full on db1\n", "--as", "maya");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No open incidents.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-1", run.Output, StringComparison.Ordinal);
    }
}
