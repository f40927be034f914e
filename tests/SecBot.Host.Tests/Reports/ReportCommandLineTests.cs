using System.Text.Json;
using SecBot.Host.Reports;

namespace SecBot.Host.Tests.Reports;

/// <summary><c>report INC-n [--format md|json]</c> on a database the real host wrote, end to end through its command-line entry.</summary>
public sealed class ReportCommandLineTests
{
    [Fact]
    public async Task Markdown_is_the_default_and_tells_the_alerts_the_acknowledgement_and_the_resolution()
    {
        using var dir = new TempDirectory();
        var (database, acknowledgedBy) = await ReportDatabase.CreateAsync(dir);

        var run = await RunAsync(database, "report", "INC-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.StartsWith(@"# INC-1 postmortem draft: Disk full on db1 \| \*prod\*", run.Output, StringComparison.Ordinal);
        Assert.Contains("> Drafted by SecBot at 2026-03-02 10:00:00 UTC", run.Output, StringComparison.Ordinal);
        Assert.Contains("- **Declared:** 2026-03-02 09:00:00 UTC by alert source Alertmanager", run.Output, StringComparison.Ordinal);
        Assert.Contains("- **First acknowledged:** 2026-03-02 09:03:00 UTC by ", run.Output, StringComparison.Ordinal);
        Assert.Contains("at L1, 3 minutes after it was declared", run.Output, StringComparison.Ordinal);
        Assert.Contains("- **Resolved:** 2026-03-02 09:33:00 UTC by alert source Alertmanager, 33 minutes after it was declared", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 alert trigger, 3 repeats", run.Output, StringComparison.Ordinal);
        Assert.Contains("| 2026-03-02 09:00:00 UTC | Alertmanager | triggered | alert disk\\-full\\-db1 from Alertmanager, severity critical: free 0% |".Replace("\\-", "-", StringComparison.Ordinal), run.Output, StringComparison.Ordinal);
        Assert.Contains("| 2026-03-02 09:01:00 UTC | Alertmanager | repeated ×3 |", run.Output, StringComparison.Ordinal);
        Assert.Contains("- **Time to acknowledge:** 3 minutes", run.Output, StringComparison.Ordinal);
        Assert.Contains("- **Time to resolve:** 33 minutes", run.Output, StringComparison.Ordinal);
        Assert.Contains("## Sign-offs\n\nNo review gate is linked to this incident.", run.Output, StringComparison.Ordinal);
        Assert.Contains(acknowledgedBy, (await RunAsync(database, "report", "INC-1", "--format", "json")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_carries_the_same_report()
    {
        using var dir = new TempDirectory();
        var (database, acknowledgedBy) = await ReportDatabase.CreateAsync(dir);

        var run = await RunAsync(database, "report", "inc-1", "--format=json");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(("INC-1", "general", "resolved"), (root.GetProperty("key").GetString(), root.GetProperty("type").GetString(), root.GetProperty("state").GetString()));
        Assert.Equal("alert:Alertmanager", root.GetProperty("declaredBy").GetProperty("id").GetString());
        Assert.Equal((180.0, 1980.0), (root.GetProperty("durations").GetProperty("timeToAcknowledgeSeconds").GetDouble(), root.GetProperty("durations").GetProperty("timeToResolveSeconds").GetDouble()));
        Assert.Equal(acknowledgedBy, root.GetProperty("acknowledgements")[0].GetProperty("by").GetProperty("id").GetString());
        Assert.Equal(
            ["triggered 0", "repeated 3"],
            root.GetProperty("alerts").EnumerateArray().Select(a => $"{a.GetProperty("kind").GetString()} {a.GetProperty("repeats").GetInt64()}"));
        Assert.Equal("alert:Alertmanager", root.GetProperty("resolution").GetProperty("by").GetProperty("id").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T09:33:00+00:00", System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("resolution").GetProperty("at").GetDateTimeOffset());
        Assert.Equal(0, root.GetProperty("gates").GetArrayLength());
        Assert.True(root.GetProperty("timeline").GetArrayLength() >= 5);
    }

    [Fact]
    public async Task An_unknown_incident_exits_1_naming_it_and_the_database()
    {
        using var dir = new TempDirectory();
        var (database, _) = await ReportDatabase.CreateAsync(dir);

        var run = await RunAsync(database, "report", "INC-9");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal($"report: there is no INC-9 in the database at {database}", run.Error.Trim());
    }

    [Theory]
    [InlineData("missing the incident id, such as INC-12")]
    [InlineData("'REV-1' is not an incident id; ids look like INC-12", "REV-1")]
    [InlineData("--format must be md or json, not 'xml'", "INC-1", "--format", "xml")]
    [InlineData("--format needs a value: md or json", "INC-1", "--format")]
    [InlineData("--format is given twice", "INC-1", "--format", "md", "--format=json")]
    [InlineData("unknown option '--out': use --format md|json", "INC-1", "--out", "x.md")]
    [InlineData("unexpected argument 'INC-2': report takes one incident id", "INC-1", "INC-2")]
    public async Task Bad_arguments_exit_2_naming_the_problem_with_the_usage(string problem, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await ReportCommandLine.RunAsync(args, output, error);

        Assert.Equal(2, exit);
        Assert.Equal("", output.ToString());
        Assert.StartsWith($"report: {problem}\n", error.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("usage: SecBot.Host report INC-n [--format md|json]", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_exits_1_and_help_exits_0()
    {
        using var dir = new TempDirectory();
        var absent = dir.File("nothing/secbot.db");

        var missing = await RunAsync(absent, "report", "INC-1");
        var help = await RunAsync(absent, "report", "--help");

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"report: there is no SecBot database at {absent} (SecBot:Database:Path)", missing.Error.Trim());
        Assert.False(File.Exists(absent));
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage: SecBot.Host report INC-n [--format md|json]", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_program_entry_runs_the_report_verb()
    {
        var error = new StringWriter();

        var exit = await SecBotProgram.RunAsync(["report", "INC-x"], error);

        Assert.Equal(2, exit);
        Assert.StartsWith("report: 'INC-x' is not an incident id", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs <c>report</c> as <see cref="SecBotProgram"/> hands it over (the verb removed), on <paramref name="database"/>, at 10:00 on the seeded day.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string database, params string[] args)
    {
        Assert.Equal("report", args[0]);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ReportCommandLine.RunAsync(
            [.. args[1..], $"--SecBot:Database:Path={database}"], output, error, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ReportDatabase.Start.AddHours(1)));
        return (exit, output.ToString(), error.ToString());
    }
}
