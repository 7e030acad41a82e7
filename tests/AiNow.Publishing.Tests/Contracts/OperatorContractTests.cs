using System.Net;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;
using Peer = AiNow.Publishing.Tests.Infrastructure.NetworkPolicyEvaluator.Peer;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// Operator contracts: every rendered overlay read as a cluster would run it. Schema and policy checks
/// prove shape; these prove that what one object needs from another (a database, a secret, a port,
/// an order, a certificate, a metric) exists, is made by something, and is reachable.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class OperatorContractTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    private DeploymentModel Model => published.Model;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryDatabaseAConnectionNames_IsCreatedBySomething(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var (secret, key, template) in Templates(overlay).Where(t => t.Template.Contains("Database=", StringComparison.Ordinal)))
        {
            var database = Setting(template, "Database");
            var host = Setting(template, "Host");
            var statefulSet = overlay.Single("StatefulSet", host).As<V1StatefulSet>();
            var created = statefulSet.Spec.Template.Spec.Containers[0].Env.SingleOrDefault(e => e.Name == "POSTGRES_DB")?.Value;
            Assert.True(created == database, $"{secret}/{key} connects to database '{database}' on '{host}', which the StatefulSet never creates (POSTGRES_DB is '{created}').");
        }

        if (overlay.Target.Stores == StoreMode.Managed)
        {
            // Managed databases come whole from connection strings the infrastructure writes under these names.
            var keys = overlay.RemoteKeys().ToHashSet(StringComparer.Ordinal);
            Assert.Contains(Model.Naming.ConnectionSecretName(overlay.Environment.Name, "ainowdb"), keys);
            Assert.Contains(Model.Naming.OwnerConnectionSecretName(overlay.Environment.Name, "ainowdb"), keys);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void MigrationsJob_RunsAfterWhatItNeeds_AndBeforeTheWorkloadsThatNeedTheSchema(string name)
    {
        var overlay = published.Overlay(name);
        var job = overlay.Single("Job", "migrations");
        var jobWave = Wave(job);
        Assert.Equal("Sync", Annotation(job, "argocd.argoproj.io/hook"));
        Assert.Null(Label(job, "ainow/release-phase"));

        var pod = job.As<V1Job>().Spec.Template.Spec;
        var needed = new List<RenderedObject> { overlay.Single("ServiceAccount", pod.ServiceAccountName), overlay.Single("Namespace", Model.Naming.Namespace(overlay.Environment.Name)) };
        needed.AddRange(pod.Containers.SelectMany(c => c.EnvFrom ?? []).Select(e => overlay.Single("ConfigMap", e.ConfigMapRef.Name)));
        needed.AddRange(pod.Containers.SelectMany(c => c.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null)
            .Select(e => overlay.Objects.Single(o => o.Kind == "ExternalSecret" && (string?)o.Json["spec"]!["target"]!["name"] == e.ValueFrom.SecretKeyRef.Name)));
        needed.AddRange(overlay.OfKind("StatefulSet"));
        Assert.All(needed, o => Assert.True(Wave(o) < jobWave, $"{o.Kind}/{o.Name} (wave {Wave(o)}) must exist before the migrations Job (wave {jobWave})."));

        foreach (var workload in overlay.Objects.Where(o => o.Kind is "Deployment" or "Rollout"))
        {
            Assert.True(Wave(workload) > jobWave, $"{workload.Kind}/{workload.Name} starts before the schema is migrated.");
            Assert.Equal("rollout", Label(workload, "ainow/release-phase"));
        }

        // An autoscaler whose target does not exist yet is unhealthy and would stop an Argo CD sync early.
        foreach (var autoscaler in overlay.OfKind("HorizontalPodAutoscaler"))
        {
            var target = (string)autoscaler.Json["spec"]!["scaleTargetRef"]!["name"]!;
            var kind = (string)autoscaler.Json["spec"]!["scaleTargetRef"]!["kind"]!;
            Assert.True(Wave(autoscaler) > Wave(overlay.Single(kind, target)), $"HPA {autoscaler.Name} comes no later than its {kind}.");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void PublicEntry_HasTlsThatCanBeIssued_BehindTheCloudsLoadBalancer(string name)
    {
        var overlay = published.Overlay(name);
        var ingress = overlay.Single("Ingress", "gateway").As<V1Ingress>();
        var hosts = ingress.Spec.Tls.Single().Hosts;
        Assert.Equal([overlay.Environment.Hostname, overlay.Target.Hostname], hosts);
        if (overlay.Target.Profile.CertificateMode == CertificateMode.CertManagerDns01)
        {
            var certificate = overlay.Single("Certificate", ingress.Spec.Tls.Single().SecretName);
            Assert.Equal("letsencrypt-dns01", (string?)certificate.Json["spec"]!["issuerRef"]!["name"]);
            Assert.Equal(hosts, certificate.Json["spec"]!["dnsNames"]!.AsArray().Select(n => (string)n!));
        }
        else
        {
            Assert.Empty(overlay.OfKind("Certificate"));
        }

        if (overlay.Target.Profile.IngressMode == IngressMode.GkeIngress)
        {
            // Container-native load balancing is required once network policy is on; HTTP-01 cannot work without port 80.
            var service = overlay.Single("Service", "gateway").As<V1Service>();
            Assert.Equal("{\"ingress\":true}", service.Metadata.Annotations["cloud.google.com/neg"]);
            Assert.Equal("false", ingress.Metadata.Annotations["kubernetes.io/ingress.allow-http"]);
            var backend = overlay.Single("BackendConfig", "gateway");
            Assert.True(int.Parse((string)backend.Json["spec"]!["timeoutSec"]!, System.Globalization.CultureInfo.InvariantCulture) > Model.Requests.LongestRequestSeconds);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void IngressController_ReachesTheGateway_AndCertManagersSolverPods(string name)
    {
        var overlay = published.Overlay(name);
        var policies = Policies(overlay);
        var gatewayPort = Model.FindService("gateway")!.Endpoints.First(e => e.IsExternal).TargetPort;
        var controllers = IngressControllerPeers(overlay).ToList();
        Assert.NotEmpty(controllers);
        foreach (var controller in controllers)
        {
            Assert.True(policies.CanReceive(Pod("gateway"), controller, gatewayPort), $"the ingress controller ({controller}) cannot reach the gateway");
            Assert.False(policies.CanReceive(Pod("gateway"), controller, gatewayPort + 1), $"the ingress controller ({controller}) reaches a port the gateway does not serve");
            if (overlay.Target.Profile.IngressMode == IngressMode.Nginx)
            {
                Assert.True(policies.CanReceive(new Dictionary<string, string> { ["acme.cert-manager.io/http01-solver"] = "true" }, controller, 8089), "cert-manager's HTTP-01 solver is blocked");
            }
        }

        Assert.False(policies.CanReceive(Pod("api"), Peer.Pod("ingress-nginx", ("app.kubernetes.io/name", "ingress-nginx")), 8080), "the ingress controller reaches api");
        Assert.False(policies.CanReceive(Pod("gateway"), Peer.At(PublicAddress), gatewayPort), "an address outside the controller's ranges reaches the gateway");
        Assert.False(policies.CanReceive(Pod("gateway"), Peer.Pod("default", ("app.kubernetes.io/name", "ingress-nginx")), gatewayPort), "a pod of another namespace reaches the gateway");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void OnlyTheDeclaredWorkloads_ReachTheInternet_OnTheirPorts_AndNoPrivateAddressThatWay(string name)
    {
        var overlay = published.Overlay(name);
        var policies = Policies(overlay);
        var workloads = PodLabels(overlay).ToList();
        Assert.Contains(workloads, w => Model.ExternalEgress.Any(e => e.Service == w["app.kubernetes.io/name"]));
        foreach (var workload in workloads)
        {
            var declared = Model.ExternalEgress.SingleOrDefault(e => e.Service == workload["app.kubernetes.io/name"])?.Ports ?? [];
            foreach (var port in declared.Concat([80, 443, 8080]).Distinct())
            {
                Assert.True(declared.Contains(port) == policies.CanSend(workload, Peer.At(PublicAddress), port), $"{workload["app.kubernetes.io/name"]} to the internet on {port}: declared {declared.Contains(port)}");
            }

            foreach (var privateAddress in new[] { "10.200.1.10", "172.16.5.5", "192.168.1.1", "169.254.169.254", "100.64.0.9" })
            {
                Assert.False(declared.Any(port => policies.CanSend(workload, Peer.At(privateAddress), port)), $"{workload["app.kubernetes.io/name"]} reaches {privateAddress} through its internet egress");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryPod_ResolvesNames_OnItsCloud(string name)
    {
        var overlay = published.Overlay(name);
        var policies = Policies(overlay);
        var resolvers = new List<Peer> { Peer.Pod("kube-system", ("k8s-app", "kube-dns")), Peer.At("169.254.20.10") };
        if (overlay.Target.Cloud == Cloud.Gcp)
        {
            resolvers.Add(Peer.At("169.254.169.254"));
        }

        var workloads = PodLabels(overlay).ToList();
        Assert.NotEmpty(workloads);
        foreach (var workload in workloads)
        {
            foreach (var resolver in resolvers)
            {
                Assert.True(policies.CanSend(workload, resolver, 53, "UDP"), $"{workload["app.kubernetes.io/name"]} cannot resolve through {resolver}");
                Assert.True(policies.CanSend(workload, resolver, 53, "TCP"), $"{workload["app.kubernetes.io/name"]} cannot resolve through {resolver} over TCP");
                Assert.False(policies.CanSend(workload, resolver, 80), $"{workload["app.kubernetes.io/name"]} reaches {resolver} on a port other than DNS");
            }

            // Names resolve in the cluster only: no public resolver, no other kube-system pod.
            Assert.False(policies.CanSend(workload, Peer.At("8.8.8.8"), 53, "UDP"), $"{workload["app.kubernetes.io/name"]} resolves through a public resolver");
            Assert.False(policies.CanSend(workload, Peer.Pod("kube-system", ("k8s-app", "metrics-server")), 53, "UDP"), $"{workload["app.kubernetes.io/name"]} reaches other kube-system pods on 53");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryPod_ExportsTelemetryToTheCollector_AndReachesNothingElseThere(string name)
    {
        var overlay = published.Overlay(name);
        var policies = Policies(overlay);
        var telemetry = overlay.Environment.Telemetry;
        var collector = Peer.Pod(telemetry.CollectorNamespace!, ("app.kubernetes.io/name", "opentelemetry-collector"));
        foreach (var workload in PodLabels(overlay))
        {
            Assert.True(policies.CanSend(workload, collector, telemetry.CollectorPort), $"{workload["app.kubernetes.io/name"]} cannot export telemetry");
            Assert.False(policies.CanSend(workload, Peer.Pod(telemetry.CollectorNamespace!, ("app.kubernetes.io/name", "grafana")), 3000));
        }

        foreach (var config in overlay.OfKind("ConfigMap").Where(c => c.Name.Contains("-config", StringComparison.Ordinal)))
        {
            Assert.Equal(telemetry.OtlpEndpoint, (string?)config.Json["data"]!["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Replicas_AreRequiredToSpreadOverZones_OnlyWhereNodesHaveZones(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var deployment in overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>()))
        {
            var zone = deployment.Spec.Template.Spec.TopologySpreadConstraints?.SingleOrDefault(c => c.TopologyKey == "topology.kubernetes.io/zone");
            if (overlay.Target.Profile.Zones != ZoneTopology.Zonal)
            {
                Assert.True(zone is null || zone.WhenUnsatisfiable == "ScheduleAnyway", $"{deployment.Metadata.Name} requires zones that {overlay.Target.Key} nodes do not have");
            }

            if (overlay.Target.Cloud == Cloud.DigitalOcean)
            {
                Assert.Null(zone);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Workloads_ReachTheirStores_OnThePortsTheCloudReallyUses_AndNothingMore(string name)
    {
        var overlay = published.Overlay(name);
        var policies = Policies(overlay);
        foreach (var edge in Model.Edges.Where(e => Model.FindDataStore(e.TargetWorkload) is not null))
        {
            var store = Model.FindDataStore(edge.TargetWorkload)!;
            var address = Model.StoreAddress(overlay.Environment, overlay.Target, store);
            var service = overlay.Single("Service", store.Name).As<V1Service>();
            Assert.Equal(address.Port, service.Spec.Ports.Single().Port);
            if (address.Network is null)
            {
                Assert.True(policies.CanSend(Pod(edge.From), Peer.Pod(Namespace(overlay), ("app.kubernetes.io/name", store.Name)), address.Port));
                continue;
            }

            var inside = IPNetwork.Parse(address.Network).BaseAddress.ToString().Replace(".0.0", ".1.10", StringComparison.Ordinal);
            Assert.True(policies.CanSend(Pod(edge.From), Peer.At(inside), address.Port), $"{edge.From} cannot reach {store.Name} at {inside}:{address.Port}");
            if (address.Port != store.Endpoint.Port)
            {
                Assert.False(policies.CanSend(Pod(edge.From), Peer.At(inside), store.Endpoint.Port), $"{edge.From} may reach {store.Name}'s local port {store.Endpoint.Port}, which the cloud does not use");
            }

            Assert.Equal(overlay.Target.Cloud == Cloud.DigitalOcean && store.Kind == DataStoreKind.Redis ? 25061 : address.Port, address.Port);
        }

        Assert.False(policies.CanSend(Pod("gateway"), Peer.At("10.99.1.10"), 5432), "the gateway reaches a database port");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryStorageClassAClaimNames_IsCreatedByTheOverlay_OrNamedAsAPrerequisite(string name)
    {
        var overlay = published.Overlay(name);
        var created = overlay.OfKind("StorageClass").Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var statefulSet in overlay.OfKind("StatefulSet").Select(o => o.As<V1StatefulSet>()))
        {
            var storageClass = statefulSet.Spec.VolumeClaimTemplates.Single().Spec.StorageClassName;
            var profile = overlay.Target.Profile.StorageClass(overlay.Target.Account.StorageClass);
            Assert.Equal(profile.Name, storageClass);
            Assert.True(created.Contains(storageClass) || !profile.CreatedByOutput, $"'{storageClass}' is neither created nor a stock class");
            if (overlay.Target.Cloud == Cloud.Aws)
            {
                Assert.Contains(storageClass, created);
                Assert.NotEqual("gp3", storageClass);
            }

            Assert.Contains($"StorageClass `{storageClass}`", published.OverviewText, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void PodsOnPrivateRegistries_HaveAPullSecret_ThatTheOverlayMakes(string name)
    {
        var overlay = published.Overlay(name);
        var accounts = overlay.OfKind("ServiceAccount").Select(o => o.As<V1ServiceAccount>()).ToDictionary(a => a.Metadata.Name);
        var needsSecret = overlay.Target.Profile.RegistryAccess == RegistryAccess.PullSecret;
        foreach (var pod in overlay.PodSpecs().Select(p => p.Pod))
        {
            var pulls = accounts[pod.ServiceAccountName].ImagePullSecrets?.Select(s => s.Name).ToList() ?? [];
            Assert.Equal(needsSecret ? ["registry-credentials"] : [], pulls);
        }

        var pullSecret = overlay.Objects.SingleOrDefault(o => o.Kind == "ExternalSecret" && o.Name == "registry-credentials");
        Assert.Equal(needsSecret, pullSecret is not null);
        if (pullSecret is not null)
        {
            Assert.Equal("kubernetes.io/dockerconfigjson", (string?)pullSecret.Json["spec"]!["target"]!["template"]!["type"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void RolloutAnalysis_NeverPassesOnNoData_AndSelectsWhatThePodsExport(string name)
    {
        var overlay = published.Overlay(name);
        foreach (var template in overlay.OfKind("AnalysisTemplate"))
        {
            foreach (var metric in template.Json["spec"]!["metrics"]!.AsArray())
            {
                // Fails closed: an empty result (too few requests, no series) never passes and counts as a failure.
                Assert.StartsWith("len(result) > 0 && ", (string)metric!["successCondition"]!, StringComparison.Ordinal);
                Assert.StartsWith("len(result) == 0 || ", (string)metric["failureCondition"]!, StringComparison.Ordinal);

                var query = (string)metric["provider"]!["prometheus"]!["query"]!;
                Assert.Contains("http_server_request_duration_seconds_count{job=\"{{args.service-name}}\",rollouts_pod_template_hash=\"{{args.pod-template-hash}}\"", query, StringComparison.Ordinal);
                Assert.EndsWith(">= 20)", query, StringComparison.Ordinal);
            }
        }

        foreach (var rollout in overlay.OfKind("Rollout"))
        {
            // Argo Rollouts cancels a post-promotion analysis when the old ReplicaSet's scale-down delay runs out.
            if (rollout.Json["spec"]!["strategy"]!["blueGreen"] is { } blueGreen)
            {
                var metric = overlay.OfKind("AnalysisTemplate").Single().Json["spec"]!["metrics"]![0]!;
                var analysis = Seconds((string)metric["initialDelay"]!) + (int.Parse((string)metric["count"]!, System.Globalization.CultureInfo.InvariantCulture) * Seconds((string)metric["interval"]!));
                Assert.True(int.Parse((string)blueGreen["scaleDownDelaySeconds"]!, System.Globalization.CultureInfo.InvariantCulture) > analysis, $"{rollout.Name}'s old pods are gone before its analysis ends");
            }

            var deployment = overlay.Single("Deployment", rollout.Name).As<V1Deployment>();
            var env = deployment.Spec.Template.Spec.Containers[0].Env;
            Assert.Equal(rollout.Name, env.Single(e => e.Name == "OTEL_SERVICE_NAME").Value);
            Assert.Equal("metadata.labels['rollouts-pod-template-hash']", env.Single(e => e.Name == "ROLLOUTS_POD_TEMPLATE_HASH").ValueFrom.FieldRef.FieldPath);
            Assert.Contains("rollouts.pod_template_hash=$(ROLLOUTS_POD_TEMPLATE_HASH)", env.Single(e => e.Name == "OTEL_RESOURCE_ATTRIBUTES").Value, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void RuntimePods_ConnectAsTheRuntimeRole_AndCarryNoMigrationCredentials(string name)
    {
        var overlay = published.Overlay(name);
        var naming = Model.Naming;
        var env = overlay.Environment.Name;
        var ownerEntries = new[] { naming.SecretName(env, "postgres-password"), naming.OwnerConnectionSecretName(env, "ainowdb") };
        foreach (var secret in overlay.OfKind("ExternalSecret").Where(o => o.Name is "api-secrets" or "worker-secrets"))
        {
            var keys = secret.RemoteKeys().ToList();
            Assert.DoesNotContain(keys, ownerEntries.Contains);
            var connection = (string)secret.Json["spec"]!["target"]!["template"]!["data"]!["ConnectionStrings__ainowdb"]!;
            if (overlay.Target.Stores == StoreMode.InCluster)
            {
                Assert.Equal(naming.RuntimeRole, Setting(connection, "Username"));
            }
            else
            {
                Assert.Contains(naming.ConnectionSecretName(env, "ainowdb"), keys);
            }
        }

        var migrations = overlay.Single("ExternalSecret", "migrations-secrets");
        Assert.Contains(naming.SecretName(env, "ainowdb-runtime-password"), migrations.RemoteKeys());
        Assert.Contains(overlay.OfKind("ConfigMap"), c => c.Name.StartsWith("migrations-config", StringComparison.Ordinal) && (string?)c.Json["data"]!["Migrations__RuntimeRole"] == naming.RuntimeRole);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void AdminStaysOffThePublicEdge_AndTheGatewayTrustsForwardedHeadersOnlyFromTheIngress(string name)
    {
        var overlay = published.Overlay(name);
        var ingress = overlay.Single("Ingress", "gateway").As<V1Ingress>();
        Assert.All(ingress.Spec.Rules.SelectMany(r => r.Http.Paths), p => Assert.Equal("/v1", p.Path));
        Assert.DoesNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED", overlay.Text, StringComparison.Ordinal);
        var config = overlay.OfKind("ConfigMap").Single(c => c.Name.StartsWith("gateway-config", StringComparison.Ordinal));
        var trusted = ((string)config.Json["data"]!["ForwardedHeaders__TrustedNetworks"]!).Split(',');
        Assert.Equal(overlay.Target.Profile.IngressSourceRanges(overlay.Target.Network), trusted);
        Assert.DoesNotContain("0.0.0.0/0", trusted);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void SecretReferences_NeverKeepAPodWaiting_ForWhatItDoesNotNeed(string name)
    {
        var overlay = published.Overlay(name);
        var optional = Model.Naming.SecretName(overlay.Environment.Name, "llm-api-key");
        foreach (var secret in overlay.OfKind("ExternalSecret").Where(e => e.RemoteKeys().Contains(optional)))
        {
            Assert.Single(secret.RemoteKeys());
            var target = (string)secret.Json["spec"]!["target"]!["name"]!;
            var references = overlay.PodSpecs().Select(p => p.Pod).SelectMany(p => p.Containers).SelectMany(c => c.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef?.Name == target).ToList();
            Assert.NotEmpty(references);
            Assert.All(references, r => Assert.True(r.ValueFrom.SecretKeyRef.Optional));
        }

        Assert.DoesNotContain("_URI", overlay.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AINOWDB_PASSWORD", overlay.Text, StringComparison.Ordinal);
        if (overlay.Target.Stores == StoreMode.Managed)
        {
            Assert.DoesNotContain(overlay.RemoteKeys(), k => k.EndsWith("-postgres-password", StringComparison.Ordinal) || k.EndsWith("-redis-password", StringComparison.Ordinal));
        }

        foreach (var (secretName, key, template) in Templates(overlay).Where(t => t.Template.Contains("Password=", StringComparison.Ordinal)))
        {
            Assert.Contains("Password=\"{{ .", template, StringComparison.Ordinal);
            Assert.EndsWith("| replace \"\\\"\" \"\\\"\\\"\" }}\"", template, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EdgesAndDraining_OutlastTheLongestRequest(string name)
    {
        var overlay = published.Overlay(name);
        var longest = Model.Requests.LongestRequestSeconds;
        var annotations = overlay.Single("Ingress", "gateway").As<V1Ingress>().Metadata.Annotations;
        var timeout = overlay.Target.Profile.IngressMode switch
        {
            IngressMode.AwsAlb => int.Parse(annotations["alb.ingress.kubernetes.io/load-balancer-attributes"].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture),
            IngressMode.GkeIngress => int.Parse((string)overlay.Single("BackendConfig", "gateway").Json["spec"]!["timeoutSec"]!, System.Globalization.CultureInfo.InvariantCulture),
            _ => int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.True(timeout > longest, $"the edge times out after {timeout} s; requests may take {longest} s");
        if (overlay.Target.Profile.IngressMode == IngressMode.AwsAlb)
        {
            Assert.Equal("enabled", overlay.OfKind("Namespace").Single().As<V1Namespace>().Metadata.Labels["elbv2.k8s.aws/pod-readiness-gate-inject"]);
        }

        foreach (var deployment in overlay.OfKind("Deployment").Select(o => o.As<V1Deployment>()).Where(d => d.Spec.Template.Spec.Containers[0].Ports is not null))
        {
            var pod = deployment.Spec.Template.Spec;
            var drain = pod.Containers[0].Lifecycle.PreStop.Sleep.Seconds;
            Assert.True(drain > 0, deployment.Metadata.Name);
            Assert.True(pod.TerminationGracePeriodSeconds >= drain + longest, $"{deployment.Metadata.Name} is killed before its longest request ends");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void QueueWorkers_RollOut_WithoutTrafficShifting(string name)
    {
        var overlay = published.Overlay(name);
        Assert.DoesNotContain(overlay.OfKind("Rollout"), r => r.Name == "worker");
        var worker = overlay.Single("Deployment", "worker").As<V1Deployment>();
        Assert.Equal("RollingUpdate", worker.Spec.Strategy.Type);
        Assert.NotEqual(0, worker.Spec.Replicas);
        Assert.DoesNotContain(overlay.OfKind("Service"), s => s.Name == "worker-preview");
        if (overlay.Environment.Rollout.Strategy != RolloutStrategy.None)
        {
            Assert.Contains(overlay.OfKind("Rollout"), r => r.Name == "gateway");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void ProductionGradeEnvironments_RunNoSingleReplicaStores_AndSitesPullNothingFromTheInternet(string name)
    {
        var overlay = published.Overlay(name);
        if (overlay.Environment.ProductionGrade)
        {
            Assert.Empty(overlay.OfKind("StatefulSet"));
        }

        if (overlay.Target.Profile.MirrorsThirdPartyImages)
        {
            var registry = overlay.Target.Account.AccountId;
            Assert.All(overlay.PodSpecs().Select(p => p.Pod).SelectMany(p => p.Containers), c => Assert.StartsWith(registry + "/", c.Image, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Targets_HaveDistinctRanges_OwnHosts_AndOneSystemOfRecord()
    {
        var ranges = published.Overlays.Select(o => IPNetwork.Parse(o.Target.Network)).ToList();
        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                Assert.False(ranges[i].Contains(ranges[j].BaseAddress) || ranges[j].Contains(ranges[i].BaseAddress), $"{ranges[i]} overlaps {ranges[j]}");
            }
        }

        Assert.Equal(published.Overlays.Count, published.Overlays.Select(o => o.Target.Hostname).Distinct().Count());
        foreach (var environment in Model.Environments.Where(e => e.Targets.All(t => t.Stores == StoreMode.Managed)))
        {
            var postgres = Model.DataStores.Single(s => s.Kind == DataStoreKind.Postgres);
            var hosts = environment.Targets.Select(t => published.Overlay($"{environment.Name}-{t.Key}").Single("Service", postgres.Name).As<V1Service>().Spec.ExternalName).Distinct().ToList();
            Assert.Equal([Model.Naming.ManagedStoreHost(environment.Name, environment.Primary.Key, postgres.Name)], hosts);
        }
    }

    [Fact]
    public void Staging_RehearsesProductionsDeliveryPath()
    {
        var staging = Model.GetEnvironment("staging").Rollout;
        var production = Model.GetEnvironment("production").Rollout;
        Assert.Equal(production.Strategy, staging.Strategy);
        Assert.Equal(production.ManualPromotion, staging.ManualPromotion);
    }

    /// <summary>A public address (TEST-NET-2) in no range any policy should admit by name.</summary>
    private const string PublicAddress = "198.51.100.7";

    private static NetworkPolicyEvaluator Policies(RenderedOverlay overlay) =>
        new(overlay.OfKind("NetworkPolicy").Select(o => o.As<V1NetworkPolicy>()).ToList(), Namespace(overlay));

    private static string Namespace(RenderedOverlay overlay) => overlay.OfKind("Namespace").Single().Name;

    private static Dictionary<string, string> Pod(string workload) => new() { ["app.kubernetes.io/name"] = workload };

    private static IEnumerable<Dictionary<string, string>> PodLabels(RenderedOverlay overlay) =>
        overlay.Objects.Where(o => o.Kind is "Deployment" or "StatefulSet" or "Job").Select(o => Pod(o.Name));

    private static IEnumerable<Peer> IngressControllerPeers(RenderedOverlay overlay) => overlay.Target.Profile.IngressMode == IngressMode.Nginx
        ? [Peer.Pod("ingress-nginx", ("app.kubernetes.io/name", "ingress-nginx"))]
        : overlay.Target.Profile.IngressSourceRanges(overlay.Target.Network).Select(r => Peer.At(IPNetwork.Parse(r).BaseAddress.ToString().Replace(".0.0", ".0.9", StringComparison.Ordinal)));

    private static IEnumerable<(string Secret, string Key, string Template)> Templates(RenderedOverlay overlay) =>
        overlay.OfKind("ExternalSecret").SelectMany(e => e.Json["spec"]!["target"]!["template"]!["data"]!.AsObject()
            .Select(p => (e.Name, p.Key, (string)p.Value!)));

    private static string Setting(string connectionString, string key) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)).Single(p => p[0] == key)[1];

    private static int Wave(RenderedObject item) =>
        int.Parse(Annotation(item, "argocd.argoproj.io/sync-wave") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static int Seconds(string duration) =>
        int.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture) * (duration[^1] == 'm' ? 60 : 1);

    private static string? Annotation(RenderedObject item, string key) => (string?)item.Json["metadata"]!["annotations"]?[key];

    private static string? Label(RenderedObject item, string key) => (string?)item.Json["metadata"]!["labels"]?[key];
}
