namespace SecBot.Host.Tests.Observability;

/// <summary>
/// Tests that read counts from <c>/metrics</c> run alone: the exporter hears every meter named <c>SecBot</c> in the
/// process, so another test's host running at the same time would add to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
