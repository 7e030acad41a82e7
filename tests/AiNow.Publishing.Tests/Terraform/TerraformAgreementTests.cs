using System.Text.Json.Nodes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Terraform;

/// <summary>
/// The two halves agree, for every environment on every cloud: what the rendered overlay reads,
/// binds, pulls, resolves and serves is exactly what the Terraform roots create, under the same
/// names, ports and ranges. Each side is read from the published files, not from the code that made them.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class TerraformAgreementTests(PublishedManifests published)
{
    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EverySecretEntryTheOverlayReads_IsCreatedOnce_AndNothingElse(string overlay)
    {
        var (_, rendered, values) = await FoundationAsync(overlay);
        var created = new List<string>();
        created.AddRange(Strings(values["generated_secrets"]));
        created.AddRange(Strings(values["operator_secrets"]));
        if (values["databases"] is JsonObject databases)
        {
            created.AddRange(databases.SelectMany(d => new[] { "owner_connection_secret", "connection_secret", "runtime_password_secret" }.Select(k => (string)d.Value![k]!)));
        }

        if (values["stores"]?["managed"]?.GetValue<bool>() == true)
        {
            created.Add((string)values["redis_connection_secret"]!);
        }

        if (values["registry_credentials_secret"] is { } registry)
        {
            created.Add((string)registry!);
        }

        Assert.Equal(created.Count, created.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(rendered.RemoteKeys().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryServiceAccountBoundToACloudIdentity_GetsThatIdentity_FromTheFoundation(string overlay)
    {
        var (_, rendered, values) = await FoundationAsync(overlay);
        var bound = rendered.OfKind("ServiceAccount")
            .Select(sa => (sa.Name, Namespace: (string?)sa.Json["metadata"]!["namespace"], Annotations: sa.Json["metadata"]!["annotations"]?.AsObject()))
            .Where(sa => sa.Annotations is not null && (sa.Annotations.ContainsKey("eks.amazonaws.com/role-arn") || sa.Annotations.ContainsKey("iam.gke.io/gcp-service-account")))
            .ToList();
        if (rendered.Target.Cloud is Cloud.DigitalOcean or Cloud.OnPrem)
        {
            Assert.Empty(bound);
            return;
        }

        var workloads = values["workloads"]!.AsObject();
        Assert.Equal(bound.Select(b => b.Name).Order(StringComparer.Ordinal), workloads.Select(w => w.Key).Order(StringComparer.Ordinal));
        foreach (var (name, ns, annotations) in bound)
        {
            var workload = workloads[name]!;
            Assert.Equal(name, (string)workload["service_account"]!);
            Assert.Equal(ns ?? rendered.Environment.Name, (string)workload["namespace"]!, StringComparer.Ordinal);
            var identity = (string)workload["identity"]!;
            if (rendered.Target.Cloud == Cloud.Aws)
            {
                Assert.Equal($"arn:aws:iam::{rendered.Target.Account.AccountId}:role/{identity}", (string)annotations!["eks.amazonaws.com/role-arn"]!);
            }
            else
            {
                Assert.Equal($"{identity}@{(string)values["project"]!}.iam.gserviceaccount.com", (string)annotations!["iam.gke.io/gcp-service-account"]!);
            }
        }

        Assert.Equal(rendered.RemoteKeys().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal), Strings(workloads["eso"]!["secrets"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryImageBuiltHere_ComesFromARepositoryTheFoundationCreates(string overlay)
    {
        var (_, rendered, values) = await FoundationAsync(overlay);
        var prefix = rendered.Target.Profile.RegistryPrefix(rendered.Target.Account.AccountId, rendered.Target.Region) + "/";
        var built = published.Model.Services.Where(s => s.SourceProject is not null).Select(s => published.Model.Naming.ImageRepository(s.Name)).ToHashSet(StringComparer.Ordinal);
        var pulled = rendered.PodSpecs().SelectMany(p => p.Pod.Containers.Concat(p.Pod.InitContainers ?? []))
            .Select(c => c.Image[..c.Image.LastIndexOf(':')])
            .Where(image => image.StartsWith(prefix, StringComparison.Ordinal) && built.Contains(image[prefix.Length..]))
            .Select(image => image[prefix.Length..])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(pulled);
        if (rendered.Target.Cloud == Cloud.OnPrem)
        {
            return;
        }

        Assert.Equal(pulled, Strings(values["registry_repositories"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task EveryManagedStoreTheOverlayAddresses_IsTheOneTheFoundationNames_OnItsPortAndRange(string overlay)
    {
        var (tree, rendered, values) = await FoundationAsync(overlay);
        var externals = rendered.OfKind("Service").Where(s => (string?)s.Json["spec"]!["type"] == "ExternalName").ToDictionary(s => s.Name, s => s.Json["spec"]!);
        if (rendered.Target.Stores == StoreMode.InCluster || rendered.Target.Cloud == Cloud.OnPrem)
        {
            Assert.False(values["stores"]?["managed"]?.GetValue<bool>() ?? false);
            return;
        }

        var stores = values["stores"]!;
        var dns = values["store_dns"]!;
        Assert.Equal((string)dns["redis_host"]!, (string)externals["redis"]["externalName"]!);
        Assert.Equal((int)stores["redis_port"]!, Port(externals["redis"]));

        var postgres = externals["postgres"];
        if ((bool)stores["system_of_record"]!)
        {
            Assert.Equal((string)dns["postgres_host"]!, (string)postgres["externalName"]!);
            Assert.Equal((int)stores["postgres_port"]!, Port(postgres));
            var peers = Strings(values["peer_networks"]).ToHashSet(StringComparer.Ordinal);
            Assert.All(rendered.Environment.Targets.Where(t => t != rendered.Target), t => Assert.Contains(t.Network, peers));
        }
        else
        {
            var call = tree.Blocks(FoundationRoot(rendered), "module")["foundation"];
            Assert.Equal((string)postgres["externalName"]!, (string)call["system_of_record"]!["host"]!);
            var primary = rendered.Environment.Primary;
            var primaryValues = tree.Values(FoundationRoot(rendered.Environment, primary));
            Assert.Equal((int)primaryValues["stores"]!["postgres_port"]!, Port(postgres));
        }

        Assert.Equal(rendered.Target.Network, (string)values["network_cidr"]!);
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task ThePublicNames_TheCertificate_AndTheEdge_AreTheOnesTheOverlayServes(string overlay)
    {
        var (tree, rendered, values) = await FoundationAsync(overlay);
        var hosts = rendered.OfKind("Ingress").SelectMany(i => i.Json["spec"]!["rules"]!.AsArray().Select(r => (string)r!["host"]!)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(hosts);
        if (rendered.Target.Cloud != Cloud.OnPrem)
        {
            Assert.Equal(hosts, Strings(values["public_hostnames"]).Order(StringComparer.Ordinal));
            Assert.All(hosts, h => Assert.EndsWith("." + (string)values["public_dns_zone"]!, h, StringComparison.Ordinal));
        }

        if (rendered.Target.Profile.CertificateMode == CertificateMode.CertManagerDns01)
        {
            var issuer = tree.Values(Root(rendered, "3-cluster-config"));
            var certificate = rendered.OfKind("Certificate").Single().Json["spec"]!;
            Assert.Equal((string)certificate["issuerRef"]!["name"]!, (string)issuer["name"]!);
            Assert.All(certificate["dnsNames"]!.AsArray(), n => Assert.EndsWith("." + (string)issuer["dns_zone"]!, (string)n!, StringComparison.Ordinal));
        }

        if (rendered.Target.Cloud == Cloud.Gcp)
        {
            var name = (string)values["name"]!;
            var address = (string)rendered.OfKind("Ingress").Single().Json["metadata"]!["annotations"]!["kubernetes.io/ingress.global-static-ip-name"]!;
            Assert.Equal(address, Evaluate(ResourceName(tree, "modules/gcp/foundation", "google_compute_global_address", "gateway"), name));
            var policy = (string)rendered.Single("BackendConfig", "gateway").Json["spec"]!["securityPolicy"]!["name"]!;
            Assert.Equal(policy, Evaluate(ResourceName(tree, "modules/gcp/foundation", "google_compute_security_policy", "gateway"), name));
        }

        if (rendered.Target.Cloud == Cloud.Aws)
        {
            var edge = tree.Values(Root(rendered, "4-edge"));
            var ingress = rendered.OfKind("Ingress").Single();
            Assert.Equal($"{(string?)ingress.Json["metadata"]!["namespace"] ?? published.Model.Naming.Namespace(rendered.Environment.Name)}/{ingress.Name}", (string)edge["ingress"]!);
            Assert.Equal((string)values["name"]!, (string)edge["cluster_name"]!);
            Assert.Equal(rendered.Target.Hostname, (string)edge["hostname"]!);
            Assert.Contains((string)edge["hostname"]!, hosts);
            Assert.Equal((string)edge["web_acl_name"]!, Evaluate(ResourceName(tree, "modules/aws/foundation", "aws_wafv2_web_acl", "gateway"), (string)values["name"]!));
        }
    }

    [Theory]
    [MemberData(nameof(PublishedManifests.OverlayNames), MemberType = typeof(PublishedManifests))]
    public async Task TheAddOnsStage_InstallsTheChartsTheOverviewPins_AndTheSecretStoreItReads(string overlay)
    {
        var (tree, rendered, values) = await FoundationAsync(overlay);
        var addons = tree.Values(Root(rendered, "2-addons"))["addons"]!.AsObject();
        var expected = KnownAddOns.For(rendered.Target.Profile, rendered.Environment.Rollout.Strategy).Where(a => a.Chart is not null).ToList();
        Assert.Equal(expected.Select(a => a.Name).Order(StringComparer.Ordinal), addons.Select(a => a.Key));
        foreach (var addOn in expected)
        {
            Assert.Contains($"--version {(string)addons[addOn.Name]!["version"]!} -n {(string)addons[addOn.Name]!["namespace"]!}", published.OverviewText, StringComparison.Ordinal);
        }

        var store = rendered.Single("SecretStore", InfrastructureNaming.SecretStoreName).Json["spec"]!["provider"]!;
        if (store["vault"] is { } vault)
        {
            var (kv, auth, role) = rendered.Target.Cloud == Cloud.OnPrem
                ? ((string)values["kv_mount"]!, (string)values["auth_mount"]!, (string)values["role"]!)
                : ((string)values["vault"]!["kv_mount"]!, (string)values["vault"]!["auth_mount"]!, (string)values["vault"]!["role"]!);
            Assert.Equal((string)vault["path"]!, kv);
            Assert.Equal((string)vault["auth"]!["kubernetes"]!["mountPath"]!, auth);
            Assert.Equal((string)vault["auth"]!["kubernetes"]!["role"]!, role);
            Assert.Equal((string)vault["server"]!, (string)values["vault_address"]!);
        }

        if (rendered.OfKind("StorageClass").SingleOrDefault() is { } storageClass && (string?)storageClass.Json["provisioner"] == "ebs.csi.aws.com")
        {
            Assert.Contains("\"aws-ebs-csi-driver\"", tree.Text("modules/aws/foundation"), StringComparison.Ordinal);
        }
    }

    private async Task<(TerraformTree Tree, RenderedOverlay Overlay, JsonObject Values)> FoundationAsync(string overlay)
    {
        var tree = await published.TerraformTreeAsync();
        var rendered = published.Overlay(overlay);
        return (tree, rendered, tree.Values(FoundationRoot(rendered)));
    }

    private static string FoundationRoot(RenderedOverlay overlay) => Root(overlay, "1-foundation");

    private static string FoundationRoot(EnvironmentPlan environment, CloudTarget target) => $"environments/{environment.Name}/{target.Key}/1-foundation";

    private static string Root(RenderedOverlay overlay, string stage) => $"environments/{overlay.Environment.Name}/{overlay.Target.Key}/{stage}";

    /// <summary>The name expression of resource <paramref name="type"/>.<paramref name="label"/> in a module.</summary>
    private static string ResourceName(TerraformTree tree, string module, string type, string label) =>
        (string)tree.Resources(module).Single(r => r.Type == type && r.Name == label).Body["name"]!;

    /// <summary>A name expression of the form <c>${var.name}-suffix</c>, evaluated for <paramref name="name"/>.</summary>
    private static string Evaluate(string expression, string name)
    {
        Assert.StartsWith("${var.name}", expression, StringComparison.Ordinal);
        return name + expression["${var.name}".Length..];
    }

    /// <summary>A Service's first port (the YAML reader gives scalars as strings).</summary>
    private static int Port(JsonNode service) => int.Parse(service["ports"]![0]!["port"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Strings(JsonNode? list) => list?.AsArray().Select(n => (string)n!) ?? [];
}
