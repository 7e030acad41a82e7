using AiNow.AppHost;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests;

/// <summary>
/// A bad setting fails the publish of the real app model with a message naming the setting and the
/// fix, and leaves the previous output exactly as it was.
/// </summary>
public sealed class SettingsValidationTests(AppHostModelFixture fixture) : IClassFixture<AppHostModelFixture>
{
    [Theory]
    [InlineData("unknown cloud", "Environments[staging].Clouds[1]", "Use one of: aws, gcp, digitalocean, onprem.")]
    [InlineData("no cloud", "Environments[dev].Clouds", "List at least one of: aws, gcp, digitalocean, onprem.")]
    [InlineData("zero replicas", "Environments[dev].Replicas", "Set Replicas to 1 or more.")]
    [InlineData("cpu limit below request", "Environments[production].Resources.CpuLimit", "Raise CpuLimit to at least '2'")]
    [InlineData("memory limit below request", "Environments[staging].Resources.MemoryLimit", "Raise MemoryLimit to at least '2Gi'")]
    [InlineData("not a quantity", "Environments[dev].Resources.CpuRequest", "Use a Kubernetes quantity such as '250m'.")]
    [InlineData("hostname with scheme and path", "Environments[production].Hostname", "Use a fully qualified host name such as 'api.example.com'")]
    [InlineData("override of a missing workload", "Environments[staging].Services[apii]", "Use one of: api, gateway, inference, migrations, worker")]
    [InlineData("autoscaling max below min", "Environments[production].Autoscaling.MaxReplicas", "Set MaxReplicas to at least 3.")]
    [InlineData("unknown rollout strategy", "Environments[staging].Rollout", "Use one of: None, Canary, BlueGreen.")]
    [InlineData("approval without a progressive rollout", "Environments[dev].RequireApproval", "Set Rollout to Canary or BlueGreen")]
    [InlineData("unknown store mode", "Environments[staging].Stores", "Use one of: InCluster, Managed.")]
    [InlineData("latest image tag", "ImageTag", "Use a release tag such as '1.4.2' or a commit SHA.")]
    [InlineData("secret value in settings", "Environments[dev].Parameters[admin-key]", "store the value in the secret store as 'ainow-dev-admin-key'")]
    [InlineData("missing parameter", "Environments[dev].Parameters[llm-endpont]", "Use one of: llm-endpoint;")]
    [InlineData("region of another cloud", "Environments[production].Regions[aws]", "Use a region such as 'us-east-1'.")]
    [InlineData("public address range", "Environments[staging].VpcCidr", "Use an RFC 1918 range such as '10.20.0.0/16'.")]
    [InlineData("identity name too long for GCP", "Environments[performance-test].Name", "Shorten the environment name or ApplicationName.")]
    [InlineData("duplicate environment", "Environments[dev].Name", "Give every environment its own name.")]
    [InlineData("egress for a missing workload", "ExternalEgress[inferense]", "Use one of: api, gateway, inference, migrations, worker")]
    [InlineData("bad AWS account", "Accounts.Aws.AccountId", "Use the 12-digit account id")]
    [InlineData("production-grade with in-cluster stores", "Environments[production].Stores", "Set Stores to Managed")]
    [InlineData("ranges of two environments overlap", "Environments[staging].Networks[Aws]", "Give each environment a VpcCidr far enough apart")]
    [InlineData("no storage class on-premises", "Accounts.OnPrem.StorageClass", "Set it to a StorageClass that exists on the site's cluster")]
    [InlineData("Vault under a private name without its CA", "Accounts.OnPrem.VaultCaBundle", "Set VaultCaBundle to the PEM certificate")]
    [InlineData("system of record on a cloud not targeted", "Environments[staging].PrimaryCloud", "Use one of: Aws, Gcp")]
    [InlineData("repository given as a URL", "SourceRepository", "as owner/name")]
    [InlineData("no trace retention", "Environments[dev].Infrastructure.TraceRetentionDays", "Use 1 to 365 days")]
    [InlineData("traces kept for years", "Environments[production].Infrastructure.TraceRetentionDays", "Use 1 to 365 days")]
    [InlineData("telemetry volume not a quantity", "Environments[staging].Infrastructure.TelemetryVolumeSize", "Use a Kubernetes quantity such as 50Gi")]
    [InlineData("telemetry volume in the wrong unit", "Environments[dev].Infrastructure.TelemetryVolumeSize", "Use a Kubernetes quantity such as 50Gi")]
    [InlineData("longest request shorter than the chain", "LongestRequestSeconds", "from 30 to 3600")]
    public async Task BadSetting_FailsThePublish_NamingTheSettingAndTheFix_AndLeavesTheOutputUntouched(string scenario, string setting, string fix)
    {
        var settings = BadSettings(scenario);
        var output = FolderSnapshot.CreateOutputWithPreviousPublish();
        var before = FolderSnapshot.Take(output);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDeploymentSettingsException>(() =>
                new DeploymentPublisher(settings).PublishAsync(fixture.AppHost.Model, fixture.AppHost.ExecutionContext, output));

            var match = Assert.Single(error.Errors, e => e.Setting == setting);
            Assert.Contains(fix, match.Fix, StringComparison.Ordinal);
            Assert.Contains(setting, error.Message, StringComparison.Ordinal);
            Assert.Contains(fix, error.Message, StringComparison.Ordinal);
            Assert.Equal(before, FolderSnapshot.Take(output));
            Assert.Equal(["kubernetes"], Directory.GetFileSystemEntries(output).Select(p => Path.GetFileName(p)));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void TheAppHostsOwnSettings_AreValid()
    {
        var scope = new SettingsScope(["api", "gateway", "inference", "migrations", "worker"], new Dictionary<string, bool> { ["llm-endpoint"] = false }, new Dictionary<string, ResourceOverrides>());
        Assert.Empty(DeploymentSettingsValidator.Validate(DeploymentTargets.Settings, scope));
    }

    [Fact]
    public void EveryProblem_IsReported_NotOnlyTheFirst()
    {
        var settings = DeploymentTargets.Settings with
        {
            ImageTag = "latest",
            ExternalEgress = new Dictionary<string, IReadOnlyList<int>>(),
            Environments = [DeploymentDefaults.Dev with { Replicas = 0, Hostname = "not a host" }],
        };

        var errors = DeploymentSettingsValidator.Validate(settings, SettingsScope.Empty);

        Assert.Equal(["ImageTag", "Environments[dev].Replicas", "Environments[dev].Hostname"], errors.Select(e => e.Setting));
    }

    private static DeploymentSettings BadSettings(string scenario)
    {
        var good = DeploymentTargets.Settings;
        var dev = good.Environments[0];
        var staging = good.Environments[1];
        var production = good.Environments[2];
        DeploymentSettings With(EnvironmentSettings? devChange = null, EnvironmentSettings? stagingChange = null, EnvironmentSettings? productionChange = null) =>
            good with { Environments = [devChange ?? dev, stagingChange ?? staging, productionChange ?? production] };

        return scenario switch
        {
            "longest request shorter than the chain" => good with { LongestRequestSeconds = 10 },
            "unknown cloud" => With(stagingChange: staging with { Clouds = [Cloud.Aws, (Cloud)42] }),
            "no cloud" => With(devChange: dev with { Clouds = [] }),
            "zero replicas" => With(devChange: dev with { Replicas = 0 }),
            "cpu limit below request" => With(productionChange: production with { Resources = production.Resources with { CpuRequest = "2", CpuLimit = "1" } }),
            "memory limit below request" => With(stagingChange: staging with { Resources = staging.Resources with { MemoryRequest = "2Gi", MemoryLimit = "1Gi" } }),
            "not a quantity" => With(devChange: dev with { Resources = dev.Resources with { CpuRequest = "lots" } }),
            "hostname with scheme and path" => With(productionChange: production with { Hostname = "https://api.example.com/v1" }),
            "override of a missing workload" => With(stagingChange: staging with { Services = new Dictionary<string, ServiceOverrides> { ["apii"] = new() { Replicas = 2 } } }),
            "autoscaling max below min" => With(productionChange: production with { Autoscaling = production.Autoscaling with { MinReplicas = 3, MaxReplicas = 2 } }),
            "unknown rollout strategy" => With(stagingChange: staging with { Rollout = (RolloutStrategy)42 }),
            "approval without a progressive rollout" => With(devChange: dev with { RequireApproval = true }),
            "unknown store mode" => With(stagingChange: staging with { Stores = (StoreMode)42 }),
            "latest image tag" => good with { ImageTag = "latest" },
            "repository given as a URL" => good with { SourceRepository = "https://github.com/contoso/ainow" },
            "no trace retention" => With(devChange: dev with { Infrastructure = dev.Infrastructure with { TraceRetentionDays = 0 } }),
            "traces kept for years" => With(productionChange: production with { Infrastructure = production.Infrastructure with { TraceRetentionDays = 731 } }),
            "telemetry volume not a quantity" => With(stagingChange: staging with { Infrastructure = staging.Infrastructure with { TelemetryVolumeSize = "fifty gigabytes" } }),
            "telemetry volume in the wrong unit" => With(devChange: dev with { Infrastructure = dev.Infrastructure with { TelemetryVolumeSize = "50Mi" } }),
            "secret value in settings" => With(devChange: dev with { Parameters = new Dictionary<string, string> { ["admin-key"] = "do-not-put-secrets-here" } }),
            "missing parameter" => With(devChange: dev with { Parameters = new Dictionary<string, string> { ["llm-endpont"] = "https://llm.example.com" } }),
            "region of another cloud" => With(productionChange: production with { Regions = new Dictionary<Cloud, string> { [Cloud.Aws] = "europe-west1" } }),
            "public address range" => With(stagingChange: staging with { VpcCidr = "8.8.0.0/16" }),
            "identity name too long for GCP" => good with { Environments = [.. good.Environments, DeploymentDefaults.Staging with { Name = "performance-test", Clouds = [Cloud.Gcp], VpcCidr = "10.40.0.0/16" }] },
            "duplicate environment" => good with { Environments = [dev, dev] },
            "egress for a missing workload" => good with { ExternalEgress = new Dictionary<string, IReadOnlyList<int>> { ["inferense"] = [443] } },
            "production-grade with in-cluster stores" => With(productionChange: production with { Stores = StoreMode.InCluster }),
            "ranges of two environments overlap" => With(stagingChange: staging with { VpcCidr = "10.11.0.0/16" }),
            "no storage class on-premises" => good with { Accounts = good.Accounts with { OnPrem = good.Accounts.OnPrem with { StorageClass = null } } },
            "Vault under a private name without its CA" => good with { Accounts = good.Accounts with { OnPrem = good.Accounts.OnPrem with { VaultAddress = "https://vault.site.internal:8200" } } },
            "system of record on a cloud not targeted" => With(stagingChange: staging with { Clouds = [Cloud.Aws, Cloud.Gcp], PrimaryCloud = Cloud.DigitalOcean }),
            "bad AWS account" => good with { Accounts = good.Accounts with { Aws = good.Accounts.Aws with { AccountId = "1234" } } },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };
    }
}
