using YamlDotNet.RepresentationModel;

namespace SecBot.Host.Tests.Manifests;

/// <summary>One file of manifests/kubernetes, parsed: its documents (objects) by kind, and the paths into them the tests read.</summary>
internal sealed class KubernetesManifest
{
    private readonly IReadOnlyList<YamlMappingNode> _objects;

    private KubernetesManifest(string relativePath, IReadOnlyList<YamlMappingNode> objects)
    {
        RelativePath = relativePath;
        _objects = objects;
    }

    public string RelativePath { get; }

    public static KubernetesManifest Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, "manifests", "kubernetes", relativePath)))
        {
            stream.Load(reader);
        }

        return new KubernetesManifest(relativePath, [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()]);
    }

    public IEnumerable<string> Kinds => _objects.Select(o => Text(o, "kind"));

    public YamlMappingNode Single(string kind) => Assert.Single(_objects, o => Text(o, "kind") == kind);

    public YamlMappingNode PodSpec => Map(Single("Deployment"), "spec", "template", "spec");

    public YamlMappingNode Container => Assert.IsType<YamlMappingNode>(Assert.Single(Sequence(PodSpec, "containers")));

    /// <summary>The container's environment variables, each with its entry (a <c>value</c> or a <c>valueFrom</c>).</summary>
    public IReadOnlyList<(string Name, YamlMappingNode Entry)> Environment =>
        [.. Sequence(Container, "env").Cast<YamlMappingNode>().Select(e => (Text(e, "name"), e))];

    public static YamlMappingNode Map(YamlNode node, params string[] path) =>
        Assert.IsType<YamlMappingNode>(path.Aggregate(node, (at, key) => ((YamlMappingNode)at).Children[new YamlScalarNode(key)]));

    public static YamlMappingNode? MapOrNull(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (YamlMappingNode)child : null;

    public static YamlSequenceNode Sequence(YamlMappingNode node, params string[] path) =>
        Assert.IsType<YamlSequenceNode>(Map(node, path[..^1]).Children[new YamlScalarNode(path[^1])]);

    public static string Text(YamlMappingNode node, params string[] path) =>
        Assert.IsType<YamlScalarNode>(Map(node, path[..^1]).Children[new YamlScalarNode(path[^1])]).Value!;

    public static string? TextOrNull(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? ((YamlScalarNode)child).Value : null;

    public static int Number(YamlMappingNode node, params string[] path) =>
        int.Parse(Text(node, path), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A mapping of scalars (labels, selectors) as a dictionary.</summary>
    public static Dictionary<string, string> Labels(YamlMappingNode node, params string[] path) =>
        Map(node, path).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);

    public override string ToString() => RelativePath;
}
