using System.Globalization;
using AiNow.Api;
using AiNow.Gateway.Configuration;
using AiNow.Inference.Chat;
using AiNow.AppHost;
using AiNow.Publishing.Model.Clouds;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// A slow chat completion must end with the innermost hop's answer, never be cut by an outer hop still waiting:
/// in every overlay, as each pod will actually be configured (its shipped appsettings.json, then the variables the
/// overlay sets), inference gives up on the model provider before the api gives up on inference, the api before
/// the gateway, and the gateway before the load balancer or ingress.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class TimeoutChainContractTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EachHop_GivesUpBeforeTheHopInFrontOfIt(string name)
    {
        var overlay = published.Overlay(name);
        var inference = Bind<UpstreamOptions>(overlay, "inference", UpstreamOptions.SectionName).Timeout;
        var api = TimeSpan.FromSeconds(Bind<ApiOptions>(overlay, "api", "Api").ChatTimeoutSeconds);
        var gateway = TimeSpan.FromSeconds(Bind<GatewayOptions>(overlay, "gateway", GatewayOptions.SectionName).ProxyIdleTimeoutSeconds);
        var edge = TimeSpan.FromSeconds(EdgeTimeoutSeconds(overlay));

        Assert.True(inference < api, $"inference waits {inference} for the model provider, the api only {api} for inference");
        Assert.True(api < gateway, $"the api waits {api} for inference, the gateway only {gateway} for the api");
        Assert.True(gateway < edge, $"the gateway waits {gateway} for the api, the edge only {edge} for the gateway");
    }

    [Fact]
    public async Task LongestRequest_ChangedInTheSettings_MovesEveryHopWithIt()
    {
        var output = Directory.CreateTempSubdirectory("ainow-timeouts-").FullName;
        try
        {
            await using (var appHost = await AppHostPublishing.BuildModelAsync())
            {
                await new DeploymentPublisher(DeploymentTargets.Settings with { LongestRequestSeconds = 600 })
                    .PublishAsync(appHost.Model, appHost.ExecutionContext, output);
            }

            Assert.Equal("600", BaseVariable(output, "api", "Api__ChatTimeoutSeconds"));
            Assert.Equal("615", BaseVariable(output, "gateway", "Gateway__ProxyIdleTimeoutSeconds"));
            Assert.Equal("00:09:50", BaseVariable(output, "inference", "Inference__Upstream__Timeout"));
            Assert.Equal("600", BaseVariable(output, "api", "DOTNET_shutdownTimeoutSeconds"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>The value the published base gives <paramref name="variable"/> in <paramref name="service"/>'s Deployment.</summary>
    private static string? BaseVariable(string output, string service, string variable)
    {
        var deployment = k8s.KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(output, "kubernetes", "base", $"{service}.yaml")))
            .OfType<V1Deployment>()
            .Single();
        return Assert.Single(deployment.Spec.Template.Spec.Containers[0].Env, v => v.Name == variable).Value;
    }

    private static T Bind<T>(RenderedOverlay overlay, string service, string section)
        where T : new()
    {
        var variables = overlay.Single("Deployment", service).PodSpec()!.Containers[0].Env ?? [];
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "services", ServiceFolder(service), "appsettings.json"))
            .AddInMemoryCollection(variables
                .Where(variable => variable.Value is not null)
                .Select(variable => KeyValuePair.Create(variable.Name.Replace("__", ":", StringComparison.Ordinal), (string?)variable.Value)))
            .Build();
        return configuration.GetSection(section).Get<T>() ?? new T();
    }

    private static string ServiceFolder(string service) =>
        "AiNow." + char.ToUpperInvariant(service[0]) + service[1..];

    private static int EdgeTimeoutSeconds(RenderedOverlay overlay)
    {
        var annotations = overlay.Single("Ingress", "gateway").As<V1Ingress>().Metadata.Annotations;
        return overlay.Target.Profile.IngressMode switch
        {
            IngressMode.AwsAlb => int.Parse(annotations["alb.ingress.kubernetes.io/load-balancer-attributes"].Split('=')[1], CultureInfo.InvariantCulture),
            IngressMode.GkeIngress => int.Parse((string)overlay.Single("BackendConfig", "gateway").Json["spec"]!["timeoutSec"]!, CultureInfo.InvariantCulture),
            _ => int.Parse(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"], CultureInfo.InvariantCulture),
        };
    }
}
