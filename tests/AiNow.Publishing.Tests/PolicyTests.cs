using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;

namespace AiNow.Publishing.Tests;

/// <summary>Policies every rendered overlay must satisfy (3 environments x 4 clouds by default).</summary>
[Collection(PublishedGroup.Name)]
public sealed class PolicyTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Namespace_IsPodSecurityRestricted_AndHoldsEverything(string name)
    {
        var overlay = published.Overlay(name);
        var ns = Assert.Single(overlay.OfKind("Namespace")).As<V1Namespace>();
        Assert.Equal(published.Model.Naming.Namespace(overlay.Environment.Name), ns.Metadata.Name);
        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            Assert.Equal("restricted", ns.Metadata.Labels[$"pod-security.kubernetes.io/{mode}"]);
        }

        Assert.All(overlay.Objects.Where(o => o.Kind is not ("Namespace" or "StorageClass")), o => Assert.Equal(ns.Metadata.Name, (string?)o.Json["metadata"]!["namespace"]));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Pods_RunWithTheRestrictedSecurityContext(string name)
    {
        var overlay = published.Overlay(name);
        var serviceAccounts = overlay.OfKind("ServiceAccount").Select(o => o.As<V1ServiceAccount>()).ToDictionary(s => s.Metadata.Name);
        Assert.All(serviceAccounts.Values, sa => Assert.False(sa.AutomountServiceAccountToken));

        Assert.NotEmpty(overlay.PodSpecs());
        foreach (var (owner, pod) in overlay.PodSpecs())
        {
            Assert.True(pod.SecurityContext.RunAsNonRoot, owner);
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.False(pod.AutomountServiceAccountToken, owner);
            Assert.True(serviceAccounts.ContainsKey(pod.ServiceAccountName), $"{owner} uses service account '{pod.ServiceAccountName}', which the overlay does not define.");
            var tmp = pod.Volumes.Single(v => v.Name == "tmp");
            Assert.NotNull(tmp.EmptyDir);
            foreach (var container in Containers(pod))
            {
                var context = container.SecurityContext;
                Assert.False(context.AllowPrivilegeEscalation, $"{owner}/{container.Name}");
                Assert.True(context.ReadOnlyRootFilesystem, $"{owner}/{container.Name}");
                Assert.True(context.RunAsNonRoot ?? pod.SecurityContext.RunAsNonRoot, $"{owner}/{container.Name}");
                Assert.NotEqual(true, context.Privileged);
                Assert.Equal(["ALL"], context.Capabilities.Drop);
                Assert.Null(context.Capabilities.Add);
                Assert.Contains(container.VolumeMounts, m => m.Name == "tmp" && m.MountPath == "/tmp");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Containers_HaveRequestsAndLimits_WithLimitsAboveRequests(string name)
    {
        Assert.NotEmpty(published.Overlay(name).PodSpecs());
        foreach (var (owner, pod) in published.Overlay(name).PodSpecs())
        {
            foreach (var container in Containers(pod))
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    var request = container.Resources?.Requests?[resource] ?? throw new Xunit.Sdk.XunitException($"{owner}/{container.Name} has no {resource} request.");
                    var limit = container.Resources?.Limits?[resource] ?? throw new Xunit.Sdk.XunitException($"{owner}/{container.Name} has no {resource} limit.");
                    Assert.True(limit.ToDecimal() >= request.ToDecimal(), $"{owner}/{container.Name}: {resource} limit {limit} is below the request {request}.");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void LongRunningContainers_HaveStartupReadinessAndLivenessProbes(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var deployment in overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>()))
        {
            var container = deployment.Spec.Template.Spec.Containers.Single(c => c.Name == deployment.Metadata.Name);
            Assert.Equal("/alive", container.StartupProbe?.HttpGet?.Path);
            Assert.Equal("/health", container.ReadinessProbe?.HttpGet?.Path);
            Assert.Equal("/alive", container.LivenessProbe?.HttpGet?.Path);
            Assert.Equal("http", container.ReadinessProbe!.HttpGet.Port.Value);
        }

        foreach (var statefulSet in overlay.OfKind("StatefulSet").Select(o => o.As<V1StatefulSet>()))
        {
            var container = Assert.Single(statefulSet.Spec.Template.Spec.Containers);
            Assert.NotNull(container.StartupProbe);
            Assert.NotNull(container.ReadinessProbe);
            Assert.NotNull(container.LivenessProbe);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Images_ArePinned_AndComeFromTheCloudsRegistry(string name)
    {
        var overlay = published.Overlay(name);
        var registry = overlay.Target.Profile.RegistryPrefix(overlay.Target.Account.AccountId, overlay.Target.Region);
        Assert.NotEmpty(overlay.PodSpecs());
        foreach (var (owner, pod) in overlay.PodSpecs())
        {
            foreach (var container in Containers(pod))
            {
                var image = container.Image;
                var lastSegment = image[(image.LastIndexOf('/') + 1)..];
                Assert.True(lastSegment.Contains(':', StringComparison.Ordinal) || image.Contains("@sha256:", StringComparison.Ordinal), $"{owner}/{container.Name}: '{image}' has no tag.");
                Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), $"{owner}/{container.Name}: '{image}' is not pinned.");
                if (owner.StartsWith("StatefulSet/", StringComparison.Ordinal))
                {
                    continue;
                }

                Assert.StartsWith($"{registry}/{published.Model.ApplicationName}/", image, StringComparison.Ordinal);
                Assert.EndsWith($":{overlay.Environment.ImageTag}", image, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ReplicatedWorkloads_HaveDisruptionBudgets_AndAutoscalers(string name)
    {
        var overlay = published.Overlay(name);
        var budgets = overlay.OfKind("PodDisruptionBudget").Select(o => o.As<V1PodDisruptionBudget>()).ToList();
        var autoscalers = overlay.OfKind("HorizontalPodAutoscaler").Select(o => o.As<V2HorizontalPodAutoscaler>()).ToList();
        Assert.All(overlay.OfKind("HorizontalPodAutoscaler"), o => Assert.Equal("autoscaling/v2", o.ApiVersion));

        foreach (var service in published.Model.Services.Where(s => s.Kind == WorkloadKind.LongRunning))
        {
            var plan = overlay.Environment.GetService(service.Name);
            var budget = budgets.SingleOrDefault(b => b.Spec.Selector.MatchLabels["app.kubernetes.io/name"] == service.Name);
            if (plan.MinimumReplicas > 1)
            {
                Assert.NotNull(budget);
                Assert.Equal(1, budget.Spec.MaxUnavailable?.Value is string text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : -1);
            }
            else
            {
                Assert.Null(budget);
            }

            var autoscaler = autoscalers.SingleOrDefault(a => a.Spec.ScaleTargetRef.Name == service.Name);
            if (plan.Autoscaling is { } bounds)
            {
                Assert.NotNull(autoscaler);
                Assert.Equal(bounds.MinReplicas, autoscaler.Spec.MinReplicas);
                Assert.Equal(bounds.MaxReplicas, autoscaler.Spec.MaxReplicas);
                var releasedByRollout = overlay.Environment.Rollout.Strategy != RolloutStrategy.None && !published.Model.IsQueueConsumer(published.Model.FindService(autoscaler.Metadata.Name)!);
                Assert.Equal(releasedByRollout ? "Rollout" : "Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
            }
            else
            {
                Assert.Null(autoscaler);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Namespace_DeniesAllTrafficByDefault_AndAllowsDns(string name)
    {
        var policies = Policies(published.Overlay(name));
        var deny = policies.Single(p => p.Metadata.Name == "default-deny");
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
        Assert.Null(deny.Spec.Ingress);
        Assert.Null(deny.Spec.Egress);

        var dnsPolicy = policies.Single(p => p.Metadata.Name == "allow-dns-egress");
        Assert.Equal(["Egress"], dnsPolicy.Spec.PolicyTypes);
        Assert.Empty(dnsPolicy.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        var dns = Assert.Single(dnsPolicy.Spec.Egress);
        Assert.Equal(["TCP/53", "UDP/53"], NetworkPolicyText.Ports(dns.Ports).Order(StringComparer.Ordinal));
        const string kubeDns = "kube-system pods k8s-app=kube-dns";
        var resolvers = NetworkPolicyText.Peers(dns.To).ToList();
        Assert.Contains(kubeDns, resolvers);
        Assert.All(resolvers.Where(r => r != kubeDns), r => Assert.Matches(@"^169\.254\.\d{1,3}\.\d{1,3}/32$", r));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryPod_MayExportTelemetry_OnlyToTheCollectorsPort(string name)
    {
        var overlay = published.Overlay(name);
        var telemetry = overlay.Environment.Telemetry;
        Assert.NotNull(telemetry.CollectorNamespace);

        var export = Policies(overlay).Single(p => p.Metadata.Name == "allow-telemetry-export");
        Assert.Empty(export.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Equal(["Egress"], export.Spec.PolicyTypes);
        var rule = Assert.Single(export.Spec.Egress);
        Assert.Equal([$"TCP/{telemetry.CollectorPort}"], NetworkPolicyText.Ports(rule.Ports));
        Assert.Equal([$"{telemetry.CollectorNamespace} pods app.kubernetes.io/name={TelemetryPlan.CollectorPodName}"], NetworkPolicyText.Peers(rule.To));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void IngressControllerPolicies_AdmitOnlyTheController_OnThePortItServes(string name)
    {
        var overlay = published.Overlay(name);
        var nginx = overlay.Target.Profile.IngressMode == IngressMode.Nginx;
        var publicService = published.Model.Services.Single(s => s.IsPublic);
        var servedPort = publicService.Endpoints.First(e => e.IsExternal).TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        List<(string Selected, string Port)> expected = [($"app.kubernetes.io/name={publicService.Name}", $"TCP/{servedPort}")];
        if (nginx && overlay.Target.Profile.CertificateMode == CertificateMode.CertManagerDns01)
        {
            expected.Add(("acme.cert-manager.io/http01-solver=true", "TCP/8089"));
        }

        var controllerPeers = nginx
            ? ["ingress-nginx pods app.kubernetes.io/name=ingress-nginx"]
            : overlay.Target.Profile.IngressSourceRanges(overlay.Target.Network).ToList();
        var policies = Policies(overlay).Where(p => p.Metadata.Labels["ainow/policy"] == "ingress-controller").ToList();
        Assert.Equal(expected.Count, policies.Count);
        foreach (var (selected, port) in expected)
        {
            var policy = Assert.Single(policies, p => string.Join(",", p.Spec.PodSelector.MatchLabels.Select(l => $"{l.Key}={l.Value}")) == selected);
            Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
            var rule = Assert.Single(policy.Spec.Ingress);
            Assert.Equal([port], NetworkPolicyText.Ports(rule.Ports));
            Assert.Equal(controllerPeers, NetworkPolicyText.Peers(rule.FromProperty));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ExternalEgressPolicies_OpenTheDeclaredPorts_ToPublicAddressesOnly(string name)
    {
        var declared = published.Model.ExternalEgress;
        Assert.NotEmpty(declared);
        var policies = Policies(published.Overlay(name)).Where(p => p.Metadata.Labels["ainow/policy"] == "external-egress").ToList();
        Assert.Equal(declared.Select(e => e.Service), policies.Select(Selected));
        foreach (var (egress, policy) in declared.Zip(policies))
        {
            Assert.Equal(["Egress"], policy.Spec.PolicyTypes);
            var rule = Assert.Single(policy.Spec.Egress);
            Assert.Equal(egress.Ports.Select(p => $"TCP/{p}"), NetworkPolicyText.Ports(rule.Ports));
            var block = Assert.Single(rule.To).IpBlock;
            Assert.Equal("0.0.0.0/0", block?.Cidr);
            Assert.Superset(new HashSet<string> { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10" }, (block?.Except ?? []).ToHashSet());
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void NetworkPolicies_AllowExactlyOnePathPerReferenceEdge_AndNothingElse(string name)
    {
        var overlay = published.Overlay(name);
        var model = published.Model;
        var policies = Policies(overlay);

        // Every policy has a declared purpose; edge policies name an edge of the app model.
        var kinds = policies.GroupBy(p => p.Metadata.Labels["ainow/policy"]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Subset(new HashSet<string> { "baseline", "edge", "ingress-controller", "external-egress" }, kinds.Keys.ToHashSet());
        Assert.Equal(["allow-dns-egress", "allow-telemetry-export", "default-deny"], kinds["baseline"].Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.All(policies.Where(p => p.Metadata.Labels["ainow/policy"] != "edge"), p => Assert.DoesNotContain("ainow/edge", p.Metadata.Labels.Keys));
        Assert.NotEmpty(model.Edges);
        var edgeIds = model.Edges.Select(e => e.Id).ToHashSet();
        Assert.All(kinds["edge"], p => Assert.Contains(p.Metadata.Labels["ainow/edge"], edgeIds));

        foreach (var edge in model.Edges)
        {
            var forEdge = kinds["edge"].Where(p => p.Metadata.Labels["ainow/edge"] == edge.Id).ToList();
            var egress = Assert.Single(forEdge, p => p.Spec.PolicyTypes.Contains("Egress"));
            Assert.Equal(edge.From, egress.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);
            var managedStore = overlay.Target.Stores == StoreMode.Managed && model.FindDataStore(edge.TargetWorkload) is not null;
            var expectedPort = managedStore ? model.StoreAddress(overlay.Environment, overlay.Target, model.FindDataStore(edge.TargetWorkload)!).Port : edge.Port;
            Assert.Equal(expectedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(Assert.Single(egress.Spec.Egress).Ports).Port.Value);
            if (managedStore)
            {
                var address = model.StoreAddress(overlay.Environment, overlay.Target, model.FindDataStore(edge.TargetWorkload)!);
                Assert.Equal(address.Network, Assert.Single(Assert.Single(egress.Spec.Egress).To).IpBlock.Cidr);
                Assert.DoesNotContain(forEdge, p => p.Spec.PolicyTypes.Contains("Ingress"));
            }
            else
            {
                var ingress = Assert.Single(forEdge, p => p.Spec.PolicyTypes.Contains("Ingress"));
                Assert.Equal(edge.TargetWorkload, ingress.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"]);
            }
        }

        // Semantically: the pod-to-pod paths allowed in both directions are exactly the in-cluster edges.
        var egressPairs = policies.Where(p => p.Spec.Egress is not null).SelectMany(p => p.Spec.Egress.SelectMany(r => (r.To ?? []).Where(t => t.PodSelector?.MatchLabels is not null && t.NamespaceSelector is null)
            .Select(t => (From: Selected(p), To: t.PodSelector.MatchLabels["app.kubernetes.io/name"])))).ToHashSet();
        var ingressPairs = policies.Where(p => p.Spec.Ingress is not null).SelectMany(p => p.Spec.Ingress.SelectMany(r => (r.FromProperty ?? []).Where(f => f.PodSelector?.MatchLabels is not null && f.NamespaceSelector is null)
            .Select(f => (From: f.PodSelector.MatchLabels["app.kubernetes.io/name"], To: Selected(p))))).ToHashSet();
        var allowed = egressPairs.Intersect(ingressPairs).Order().ToList();
        var expected = model.Edges
            .Where(e => !(overlay.Target.Stores == StoreMode.Managed && model.FindDataStore(e.TargetWorkload) is not null))
            .Select(e => (e.From, To: e.TargetWorkload)).Distinct().Order().ToList();
        Assert.Equal(expected, allowed);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Secrets_AreOnlyReferenced_ThroughExternalSecrets(string name)
    {
        var overlay = published.Overlay(name);
        Assert.Empty(overlay.OfKind("Secret"));
        var store = Assert.Single(overlay.OfKind("SecretStore"));
        var provider = store.Json["spec"]!["provider"]!.AsObject().Select(p => p.Key).Single();
        Assert.Equal(overlay.Target.Cloud switch { Cloud.Aws => "aws", Cloud.Gcp => "gcpsm", _ => "vault" }, provider);

        var produced = new HashSet<(string Secret, string Key)>();
        foreach (var externalSecret in overlay.OfKind("ExternalSecret"))
        {
            var spec = externalSecret.Json["spec"]!;
            Assert.Equal(store.Name, (string?)spec["secretStoreRef"]!["name"]);
            var fetched = spec["data"]!.AsArray().Select(d => (string)d!["secretKey"]!).ToHashSet();
            Assert.All(spec["data"]!.AsArray(), d => Assert.StartsWith($"{published.Model.ApplicationName}-{overlay.Environment.Name}-", (string)d!["remoteRef"]!["key"]!, StringComparison.Ordinal));
            foreach (var (key, template) in spec["target"]!["template"]!["data"]!.AsObject())
            {
                var text = (string)template!;
                Assert.False(string.IsNullOrWhiteSpace(text), $"{externalSecret.Name}/{key} is empty.");
                Assert.Contains("{{ .", text, StringComparison.Ordinal);
                Assert.All(System.Text.RegularExpressions.Regex.Matches(text, @"\{\{ \.([a-z0-9_]+)").Select(m => m.Groups[1].Value), field => Assert.Contains(field, fetched));
                produced.Add(((string)spec["target"]!["name"]!, key));
            }
        }

        foreach (var (owner, pod) in overlay.PodSpecs())
        {
            foreach (var variable in Containers(pod).SelectMany(c => c.Env ?? []))
            {
                Assert.True(variable.Value is null || variable.ValueFrom is null, $"{owner}/{variable.Name}");
                if (variable.ValueFrom?.SecretKeyRef is { } reference)
                {
                    Assert.Contains((reference.Name, reference.Key), produced);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Rollouts_FollowTheEnvironmentsStrategy(string name)
    {
        var overlay = published.Overlay(name);
        var rollout = overlay.Environment.Rollout;
        var deployments = overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>()).ToList();
        var rollouts = overlay.OfKind("Rollout").ToList();
        if (rollout.Strategy == RolloutStrategy.None)
        {
            Assert.Empty(rollouts);
            Assert.All(deployments, d => Assert.Equal(overlay.Environment.GetService(d.Metadata.Name).Autoscaling is null ? overlay.Environment.GetService(d.Metadata.Name).Replicas : null, d.Spec.Replicas));
            return;
        }

        // Queue consumers roll as Deployments; everything that serves traffic is a Rollout.
        var released = deployments.Where(d => !published.Model.IsQueueConsumer(published.Model.FindService(d.Metadata.Name)!)).ToList();
        Assert.NotEmpty(released);
        Assert.All(released, d => Assert.Equal(0, d.Spec.Replicas));
        Assert.Equal(released.Select(d => d.Metadata.Name).Order(), rollouts.Select(r => r.Name).Order());
        var template = Assert.Single(overlay.OfKind("AnalysisTemplate"));
        Assert.Contains("prometheus", template.Json["spec"]!["metrics"]![0]!["provider"]!.AsObject().Select(p => p.Key));
        foreach (var item in rollouts)
        {
            var spec = item.Json["spec"]!;
            Assert.Equal(item.Name, (string?)spec["workloadRef"]!["name"]);
            if (rollout.Strategy == RolloutStrategy.Canary)
            {
                var steps = spec["strategy"]!["canary"]!["steps"]!.AsArray();
                Assert.Contains(steps, s => (string?)s!["analysis"]?["templates"]?[0]?["templateName"] == template.Name);
                Assert.Equal(rollout.ManualPromotion, steps.Any(s => s!["pause"] is { } pause && pause["duration"] is null));
            }
            else
            {
                var blueGreen = spec["strategy"]!["blueGreen"]!;
                Assert.Equal(!rollout.ManualPromotion, bool.Parse((string)blueGreen["autoPromotionEnabled"]!));
                overlay.Single("Service", (string)blueGreen["activeService"]!);
                overlay.Single("Service", (string)blueGreen["previewService"]!);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void OnlyThePublicWorkload_IsExposed_OverTls(string name)
    {
        var overlay = published.Overlay(name);
        var ingress = Assert.Single(overlay.OfKind("Ingress")).As<V1Ingress>();
        string[] hosts = [overlay.Environment.Hostname, overlay.Target.Hostname];
        Assert.Equal(hosts, ingress.Spec.Rules.Select(r => r.Host));
        Assert.All(ingress.Spec.Rules, r => Assert.Equal(published.Model.Services.Single(s => s.IsPublic).Name, Assert.Single(r.Http.Paths).Backend.Service.Name));
        Assert.Equal(hosts, Assert.Single(ingress.Spec.Tls).Hosts);
        Assert.All(overlay.OfKind("Service").Select(o => o.As<V1Service>()), s => Assert.Contains(s.Spec.Type ?? "ClusterIP", new[] { "ClusterIP", "ExternalName" }));
        if (overlay.Target.Cloud == Cloud.Aws)
        {
            Assert.Equal("alb", ingress.Spec.IngressClassName);
        }
        else
        {
            var certificate = Assert.Single(overlay.OfKind("Certificate"));
            Assert.Equal(ingress.Spec.Tls[0].SecretName, (string?)certificate.Json["spec"]!["secretName"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Migrations_RunAsASyncHookJob_AndRuntimePodsDoNotRunTheMigrator(string name)
    {
        var overlay = published.Overlay(name);
        var job = Assert.Single(overlay.OfKind("Job")).As<V1Job>();
        Assert.Equal("Sync", job.Metadata.Annotations["argocd.argoproj.io/hook"]);
        Assert.Equal("BeforeHookCreation", job.Metadata.Annotations["argocd.argoproj.io/hook-delete-policy"]);
        Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        foreach (var service in published.Model.Services.Where(s => s.WaitsForCompletionOf.Contains(job.Metadata.Name)))
        {
            Assert.Null(overlay.Single("Deployment", service.Name).As<V1Deployment>().Spec.Template.Spec.InitContainers);
        }

        Assert.Equal(["api", "worker"], published.Model.Services.Where(s => s.WaitsForCompletionOf.Contains(job.Metadata.Name)).Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Stores_RunInClusterOrAreReachedAsManagedServices(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var store in published.Model.DataStores)
        {
            var service = overlay.Single("Service", store.Name).As<V1Service>();
            if (overlay.Target.Stores == StoreMode.InCluster)
            {
                Assert.Equal("None", service.Spec.ClusterIP);
                var statefulSet = overlay.Single("StatefulSet", store.Name).As<V1StatefulSet>();
                var claim = Assert.Single(statefulSet.Spec.VolumeClaimTemplates);
                Assert.Equal(overlay.Target.Account.StorageClass, claim.Spec.StorageClassName);
                Assert.Equal(store.Name, statefulSet.Spec.ServiceName);
            }
            else
            {
                Assert.Equal("ExternalName", service.Spec.Type);
                Assert.Equal(published.Model.StoreAddress(overlay.Environment, overlay.Target, store).Host, service.Spec.ExternalName);
                Assert.Empty(overlay.OfKind("StatefulSet"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ServiceAccounts_AreBoundToCloudIdentities_NamedLikeTheInfrastructure(string name)
    {
        var overlay = published.Overlay(name);
        var naming = published.Model.Naming;
        foreach (var account in overlay.OfKind("ServiceAccount").Select(o => o.As<V1ServiceAccount>()).Where(a => published.Model.FindDataStore(a.Metadata.Name) is null))
        {
            var annotations = account.Metadata.Annotations ?? new Dictionary<string, string>();
            switch (overlay.Target.Cloud)
            {
                case Cloud.Aws:
                    Assert.Equal(naming.AwsRoleArn(overlay.Target.Account.AccountId, overlay.Environment.Name, account.Metadata.Name), annotations["eks.amazonaws.com/role-arn"]);
                    break;
                case Cloud.Gcp:
                    Assert.Equal(naming.GcpServiceAccountEmail(overlay.Target.Account.AccountId, overlay.Environment.Name, account.Metadata.Name), annotations["iam.gke.io/gcp-service-account"]);
                    break;
                default:
                    Assert.Empty(annotations);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Replicas_SpreadAcrossZones_WhereTheEnvironmentAsks(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var deployment in overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>()))
        {
            var constraints = deployment.Spec.Template.Spec.TopologySpreadConstraints;
            if (overlay.Environment.SpreadAcrossZones)
            {
                Assert.Contains(constraints, c => c.TopologyKey == (overlay.Target.Profile.Zones == AiNow.Publishing.Model.Clouds.ZoneTopology.None ? "kubernetes.io/hostname" : "topology.kubernetes.io/zone"));
            }
            else
            {
                Assert.Null(constraints);
            }
        }
    }

    private static string Selected(V1NetworkPolicy policy) => policy.Spec.PodSelector.MatchLabels["app.kubernetes.io/name"];

    private static List<V1NetworkPolicy> Policies(RenderedOverlay overlay) =>
        overlay.OfKind("NetworkPolicy").Select(o => o.As<V1NetworkPolicy>()).ToList();

    private static IEnumerable<V1Container> Containers(V1PodSpec pod) => pod.Containers.Concat(pod.InitContainers ?? []);
}
