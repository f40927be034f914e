using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using SecBot.Host.Configuration;
using YamlDotNet.RepresentationModel;
using static SecBot.Host.Tests.Manifests.KubernetesManifest;

namespace SecBot.Host.Tests.Manifests;

/// <summary>
/// manifests/kubernetes: the SQLite variant (secbot.yaml, one replica) and the PostgreSQL one (postgres/secbot.yaml,
/// three replicas on an external database), read as the cluster would read them.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private const string SqliteVariant = "secbot.yaml";
    private const string PostgresVariant = "postgres/secbot.yaml";

    private static readonly KubernetesManifest Postgres = Load(PostgresVariant);

    public static TheoryData<string> Variants => [SqliteVariant, PostgresVariant];

    [Fact]
    public void The_postgres_variant_runs_three_replicas_replaced_one_at_a_time()
    {
        var spec = Map(Postgres.Single("Deployment"), "spec");

        Assert.Equal(3, Number(spec, "replicas"));
        Assert.Equal("RollingUpdate", Text(spec, "strategy", "type"));
        Assert.Equal(1, Number(spec, "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.Equal(1, Number(spec, "strategy", "rollingUpdate", "maxSurge"));
    }

    [Fact]
    public void The_disruption_budget_keeps_two_of_the_deployments_pods_and_the_service_reaches_them()
    {
        var deployment = Postgres.Single("Deployment");
        var podLabels = Labels(deployment, "spec", "template", "metadata", "labels");
        var budget = Postgres.Single("PodDisruptionBudget");

        Assert.Equal("policy/v1", Text(budget, "apiVersion"));
        Assert.Equal(2, Number(budget, "spec", "minAvailable"));
        Assert.Equal(Labels(deployment, "spec", "selector", "matchLabels"), Labels(budget, "spec", "selector", "matchLabels"));
        Assert.Subset(podLabels.ToHashSet(), Labels(budget, "spec", "selector", "matchLabels").ToHashSet());

        var service = Postgres.Single("Service");
        Assert.Subset(podLabels.ToHashSet(), Labels(service, "spec", "selector").ToHashSet());
        var servicePort = Assert.IsType<YamlMappingNode>(Assert.Single(Sequence(service, "spec", "ports")));
        Assert.Equal(ImagePort(), ContainerPort(Postgres, Text(servicePort, "targetPort")));
    }

    [Fact]
    public void Replicas_prefer_different_nodes()
    {
        var terms = Sequence(Postgres.PodSpec, "affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution")
            .Cast<YamlMappingNode>().Select(t => Map(t, "podAffinityTerm"));

        var byNode = Assert.Single(terms, t => Text(t, "topologyKey") == "kubernetes.io/hostname");
        Assert.Equal(Labels(Postgres.Single("Deployment"), "spec", "selector", "matchLabels"), Labels(byNode, "labelSelector", "matchLabels"));
        Assert.Null(MapOrNull(Map(Postgres.PodSpec, "affinity", "podAntiAffinity"), "requiredDuringSchedulingIgnoredDuringExecution"));
    }

    [Theory]
    [InlineData(PostgresVariant, "readinessProbe", "/readyz")]
    [InlineData(PostgresVariant, "livenessProbe", "/healthz")]
    [InlineData(PostgresVariant, "startupProbe", "/healthz")]
    [InlineData(SqliteVariant, "readinessProbe", "/readyz")]
    [InlineData(SqliteVariant, "livenessProbe", "/healthz")]
    public void Probes_ask_the_hosts_health_endpoints_on_the_port_the_image_listens_on(string variant, string probe, string path)
    {
        var manifest = Load(variant);

        Assert.Equal(path, Text(manifest.Container, probe, "httpGet", "path"));
        Assert.Equal(ImagePort(), ContainerPort(manifest, Text(manifest.Container, probe, "httpGet", "port")));
    }

    [Fact]
    public void Liveness_waits_for_migrations_on_first_start_behind_a_startup_probe()
    {
        var startup = Map(Postgres.Container, "startupProbe");
        var liveness = Map(Postgres.Container, "livenessProbe");

        var startupBudget = TimeSpan.FromSeconds(Number(startup, "periodSeconds") * Number(startup, "failureThreshold"));
        Assert.True(startupBudget >= TimeSpan.FromMinutes(2), $"the startup probe allows {startupBudget} before liveness takes over");
        Assert.True(Number(liveness, "periodSeconds") * Number(liveness, "failureThreshold") >= 60, "liveness tolerates a minute of no answer");
    }

    [Fact]
    public void The_postgres_variant_selects_postgres_and_reads_the_connection_string_from_a_secret()
    {
        var environment = Postgres.Environment.ToDictionary(e => e.Name, e => e.Entry, StringComparer.Ordinal);

        Assert.Equal("Postgres", Text(environment["SecBot__Database__Provider"], "value"));
        var connection = environment["SecBot__Database__ConnectionString"];
        Assert.Null(TextOrNull(connection, "value"));
        Assert.NotEmpty(Text(connection, "valueFrom", "secretKeyRef", "name"));
        Assert.NotEmpty(Text(connection, "valueFrom", "secretKeyRef", "key"));
        Assert.NotEqual("true", TextOrNull(Map(connection, "valueFrom", "secretKeyRef"), "optional"));
    }

    [Fact]
    public void The_postgres_variant_ships_no_database_and_no_volume_claim()
    {
        Assert.Equal(["Deployment", "PodDisruptionBudget", "Service"], Postgres.Kinds.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Postgres.Environment, e => e.Name == "SecBot__Database__Path");
        Assert.All(Sequence(Postgres.PodSpec, "volumes").Cast<YamlMappingNode>(), v => Assert.NotNull(MapOrNull(v, "emptyDir")));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_SecBot_variable_names_a_key_the_host_binds(string variant)
    {
        var secBotVariables = Load(variant).Environment.Where(e => e.Name.StartsWith("SecBot__", StringComparison.Ordinal)).ToList();

        var refusals = secBotVariables
            .Select(e => BoundConfiguration.Refusal(e.Name.Replace("__", ":", StringComparison.Ordinal), TextOrNull(e.Entry, "value") ?? "from-a-secret"))
            .OfType<string>().ToList();

        Assert.NotEmpty(secBotVariables);
        Assert.True(refusals.Count == 0, string.Join(Environment.NewLine, refusals));
    }

    [Theory]
    [InlineData("SecBot:Slack:SigningSecrets", "s")]
    [InlineData("SecBot:Databse:Path", "/data/x.db")]
    [InlineData("SecBot:Teams:Resilience:MaxRetryAttempts", "three")]
    public void The_key_check_refuses_a_key_or_value_the_host_would_not_read(string key, string value)
    {
        Assert.NotNull(BoundConfiguration.Refusal(key, value));
    }

    [Fact]
    public void The_key_check_knows_every_section_the_host_checks_at_start()
    {
        Assert.Subset(BoundConfiguration.Sections.ToHashSet(), BoundSection.All.Select(s => (s.Path, s.Options)).ToHashSet());
        Assert.Null(BoundConfiguration.Refusal("SecBot:Teams:Resilience:MaxRetryAttempts", "5"));
        Assert.Null(BoundConfiguration.Refusal("SecBot:Slack:Resilience:AttemptTimeout", "5s"));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Pods_run_as_a_numeric_non_root_user_on_a_read_only_root_with_a_writable_tmp(string variant)
    {
        var manifest = Load(variant);
        var pod = Map(manifest.PodSpec, "securityContext");
        var container = Map(manifest.Container, "securityContext");

        Assert.Equal("true", Text(pod, "runAsNonRoot"));
        Assert.True(Number(pod, "runAsUser") > 0, "a numeric user: the image names its user, which the kubelet cannot check");
        Assert.Equal("false", Text(container, "allowPrivilegeEscalation"));
        Assert.Equal("true", Text(container, "readOnlyRootFilesystem"));
        var tmp = Assert.Single(Sequence(manifest.Container, "volumeMounts").Cast<YamlMappingNode>(), m => Text(m, "mountPath") == "/tmp");
        var volume = Assert.Single(Sequence(manifest.PodSpec, "volumes").Cast<YamlMappingNode>(), v => Text(v, "name") == Text(tmp, "name"));
        Assert.NotNull(MapOrNull(volume, "emptyDir"));
    }

    [Fact]
    public void A_stopping_replica_has_time_to_leave_the_service_and_shut_down()
    {
        var preStop = TimeSpan.FromSeconds(Number(Postgres.Container, "lifecycle", "preStop", "sleep", "seconds"));
        var grace = TimeSpan.FromSeconds(Number(Postgres.PodSpec, "terminationGracePeriodSeconds"));

        Assert.True(grace > preStop + new HostOptions().ShutdownTimeout, $"{grace} covers the preStop pause and the host's shutdown timeout");
    }

    [Fact]
    public void The_postgres_variant_requests_and_caps_cpu_and_memory()
    {
        var resources = Map(Postgres.Container, "resources");

        Assert.Equal(["cpu", "memory"], Map(resources, "requests").Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order(StringComparer.Ordinal));
        Assert.Equal(["cpu", "memory"], Map(resources, "limits").Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_dev_database_is_marked_development_only_and_apart_from_the_service()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "manifests", "kubernetes", "postgres", "dev-postgres.yaml"));
        var dev = Load("postgres/dev-postgres.yaml");

        Assert.StartsWith("# DEVELOPMENT ONLY", text, StringComparison.Ordinal);
        Assert.Equal(1, Number(dev.Single("StatefulSet"), "spec", "replicas"));
        Assert.DoesNotContain("Deployment", dev.Kinds);
    }

    /// <summary>The port of <c>ASPNETCORE_URLS</c> in the Dockerfile: where the image's Kestrel listens.</summary>
    private static int ImagePort() =>
        int.Parse(AspNetCoreUrls().Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "Dockerfile"))).Groups["port"].Value, CultureInfo.InvariantCulture);

    /// <summary>A probe's or service's port, by number or by the container port's name.</summary>
    private static int ContainerPort(KubernetesManifest manifest, string port)
    {
        var ports = Sequence(manifest.Container, "ports").Cast<YamlMappingNode>().ToList();
        if (int.TryParse(port, CultureInfo.InvariantCulture, out var number))
        {
            Assert.Contains(ports, p => Number(p, "containerPort") == number);
            return number;
        }

        return Number(Assert.Single(ports, p => TextOrNull(p, "name") == port), "containerPort");
    }

    [GeneratedRegex(@"ASPNETCORE_URLS=http://\+:(?<port>\d+)")]
    private static partial Regex AspNetCoreUrls();
}
