using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// Every name an object refers to (a Secret, a ConfigMap, a service account, an ingress class, an
/// issuer, a secret-store entry, a cloud identity) is created by the overlay, by an add-on the runbook
/// installs, or is a prerequisite the runbook names for that environment and cloud.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class ReferenceContractTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryNameAnObjectUses_IsCreatedByTheOverlay_OrIsAPrerequisiteTheRunbookNames(string name)
    {
        var overlay = published.Overlay(name);
        var runbook = published.Runbook(overlay);
        var secrets = overlay.OfKind("ExternalSecret").Select(e => (string)e.Json["spec"]!["target"]!["name"]!)
            .Concat(overlay.OfKind("Certificate").Select(c => (string)c.Json["spec"]!["secretName"]!))
            .ToHashSet(StringComparer.Ordinal);
        var configMaps = overlay.OfKind("ConfigMap").Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var accounts = overlay.OfKind("ServiceAccount").Select(a => a.As<V1ServiceAccount>()).ToDictionary(a => a.Metadata.Name);

        foreach (var (_, pod) in overlay.PodSpecs())
        {
            Assert.Contains(pod.ServiceAccountName, accounts.Keys);
            foreach (var container in pod.Containers)
            {
                Assert.All(container.EnvFrom ?? [], e => Assert.Contains(e.ConfigMapRef.Name, configMaps));
                Assert.All((container.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null), e => Assert.Contains(e.ValueFrom.SecretKeyRef.Name, secrets));
            }

            Assert.All(accounts[pod.ServiceAccountName].ImagePullSecrets ?? [], s => Assert.Contains(s.Name, secrets));
        }

        var ingress = overlay.Single("Ingress", "gateway").As<V1Ingress>();
        Assert.All(ingress.Spec.Tls.Where(t => t.SecretName is not null), t => Assert.Contains(t.SecretName, secrets));
        var controller = ingress.Spec.IngressClassName switch
        {
            "alb" => KnownAddOns.AwsLoadBalancerController,
            "nginx" => KnownAddOns.IngressNginx,
            null => null,
            var other => throw new Xunit.Sdk.XunitException($"no add-on creates IngressClass '{other}'"),
        };
        Assert.True(controller is null ? overlay.Target.Profile.IngressMode == IngressMode.GkeIngress : overlay.Target.Profile.AddOns.Contains(controller));
        Assert.Equal(overlay.Environment.Rollout.Strategy != AiNow.Publishing.Model.RolloutStrategy.None || overlay.OfKind("Rollout").Any(), KnownAddOns.For(overlay.Target.Profile, overlay.Environment.Rollout.Strategy).Any(a => a.Name == KnownAddOns.ArgoRollouts.Name));
        Assert.All(KnownAddOns.For(overlay.Target.Profile, overlay.Environment.Rollout.Strategy), a => Assert.Contains($"- {a.Name} {a.Version}:", runbook, StringComparison.Ordinal));

        foreach (var certificate in overlay.OfKind("Certificate"))
        {
            Assert.Contains($"ClusterIssuer `{(string)certificate.Json["spec"]!["issuerRef"]!["name"]!}`", runbook, StringComparison.Ordinal);
        }

        foreach (var store in overlay.OfKind("SecretStore"))
        {
            var provider = store.Json["spec"]!["provider"]!.AsObject().Single().Value!;
            var serviceAccount = (string?)(provider["auth"]?["jwt"]?["serviceAccountRef"]?["name"] ?? provider["auth"]?["workloadIdentity"]?["serviceAccountRef"]?["name"] ?? provider["auth"]?["kubernetes"]?["serviceAccountRef"]?["name"]);
            Assert.Contains(serviceAccount!, accounts.Keys);
        }

        foreach (var key in overlay.RemoteKeys())
        {
            Assert.Contains($"`{key}`", runbook, StringComparison.Ordinal);
        }

        foreach (var identity in accounts.Values.SelectMany(a => a.Metadata.Annotations ?? new Dictionary<string, string>()).Where(a => a.Key is "eks.amazonaws.com/role-arn" or "iam.gke.io/gcp-service-account"))
        {
            Assert.Contains($"`{identity.Value}`", runbook, StringComparison.Ordinal);
        }
    }
}
