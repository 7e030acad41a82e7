using AiNow.AppHost;
using AiNow.Publishing.Model;
using AiNow.Publishing.Settings;

namespace AiNow.Publishing.Tests.Settings;

/// <summary>
/// Every rule of the settings validator, checked directly on the AppHost's own settings with one change each:
/// the refused side of every rule and boundary reports that setting alone, with the offending value and the fix;
/// the valid side of every boundary reports nothing.
/// </summary>
public sealed class SettingsRuleTests
{
    /// <summary>The AppHost's workloads and parameters, with one secret parameter as the real app model has.</summary>
    private static readonly SettingsScope AppHostScope = new(
        ["api", "gateway", "inference", "migrations", "worker"],
        new Dictionary<string, bool> { ["llm-endpoint"] = false, ["admin-key"] = true },
        new Dictionary<string, ResourceOverrides>());

    private const string Pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n";

    private static readonly Dictionary<string, Refusal> Refusals = RefusalTable();

    private static readonly Dictionary<string, Acceptance> Acceptances = AcceptanceTable();

    public static TheoryData<string> RefusedScenarios => new(Refusals.Keys);

    public static TheoryData<string> AcceptedScenarios => new(Acceptances.Keys);

    [Fact]
    public void TheAppHostsSettings_AreValid_InTheScopeTheRowsChange()
    {
        Assert.Empty(DeploymentSettingsValidator.Validate(DeploymentTargets.Settings, AppHostScope));
    }

    [Theory]
    [MemberData(nameof(RefusedScenarios))]
    public void ARefusedValue_IsReportedAlone_WithTheValueAndTheFix(string scenario)
    {
        var row = Refusals[scenario];

        var errors = DeploymentSettingsValidator.Validate(row.Change(DeploymentTargets.Settings), row.Scope);

        Assert.Equal(row.Settings ?? [row.Setting], errors.Select(e => e.Setting));
        Assert.Contains(errors, e => e.Setting == row.Setting
            && e.Problem.Contains(row.Problem, StringComparison.Ordinal)
            && e.Fix.Contains(row.Fix, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AcceptedScenarios))]
    public void AValueOnTheValidSideOfItsBoundary_IsAccepted(string scenario)
    {
        var row = Acceptances[scenario];

        Assert.Empty(DeploymentSettingsValidator.Validate(row.Change(DeploymentTargets.Settings), row.Scope));
    }

    [Fact]
    public void Validate_WithoutSettings_Throws()
    {
        Assert.Throws<ArgumentNullException>("settings", () => DeploymentSettingsValidator.Validate(null!, AppHostScope));
    }

    [Fact]
    public void Validate_WithoutAScope_Throws()
    {
        Assert.Throws<ArgumentNullException>("scope", () => DeploymentSettingsValidator.Validate(DeploymentTargets.Settings, null!));
    }

    [Fact]
    public void ThrowIfInvalid_OnValidSettings_DoesNotThrow()
    {
        Assert.Null(Record.Exception(() => DeploymentSettingsValidator.ThrowIfInvalid(DeploymentTargets.Settings, AppHostScope)));
    }

    [Fact]
    public void ThrowIfInvalid_OnInvalidSettings_ThrowsWithEveryErrorInItsMessage()
    {
        var settings = Combine(s => s with { ImageTag = "latest" }, Dev(e => e with { Replicas = 0 }))(DeploymentTargets.Settings);

        var error = Assert.Throws<InvalidDeploymentSettingsException>(() => DeploymentSettingsValidator.ThrowIfInvalid(settings, AppHostScope));

        Assert.Equal(DeploymentSettingsValidator.Validate(settings, AppHostScope), error.Errors);
        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("(2 problem(s))", error.Message, StringComparison.Ordinal);
        Assert.All(error.Errors, e => Assert.Contains($"  - {e.Setting}: {e.Problem} Fix: {e.Fix}", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_ComeInSettingsOrder_AcrossEveryGroupOfRules()
    {
        var settings = Combine(
            s => s with
            {
                AcmeEmail = "platform",
                KubernetesVersion = "1.29",
                LongestRequestSeconds = 10,
                Telemetry = s.Telemetry with { OtlpProtocol = "json" },
                ExternalEgress = new Dictionary<string, IReadOnlyList<int>> { ["inference"] = [] },
                Analysis = s.Analysis with { SuccessRateThreshold = 0 },
                InClusterStores = s.InClusterStores with { StorageSize = "0", Resources = s.InClusterStores.Resources with { CpuRequest = "0" } },
                ImageTag = "latest",
                ApplicationName = "AiNow",
            },
            Accounts(a => a with { Aws = a.Aws with { AccountId = "1234" } }),
            Production(Infrastructure(i => i with { Zones = 1 })),
            Dev(e => e with { Replicas = 0 }))(DeploymentTargets.Settings);
        var scope = AppHostScope with { ResourceOverrides = new Dictionary<string, ResourceOverrides> { ["api"] = ForAllEnvironments(new() { Replicas = 0 }) } };

        var errors = DeploymentSettingsValidator.Validate(settings, scope);

        Assert.Equal(
            [
                "ApplicationName",
                "ImageTag",
                "Accounts.Aws.AccountId",
                "InClusterStores.Resources.CpuRequest",
                "InClusterStores.StorageSize",
                "Analysis.SuccessRateThreshold",
                "ExternalEgress[inference]",
                "Telemetry.OtlpProtocol",
                "LongestRequestSeconds",
                "Environments[dev].Replicas",
                "KubernetesVersion",
                "AcmeEmail",
                "Environments[production].Infrastructure.Zones",
                "api.WithDeploymentOverrides.Replicas",
            ],
            errors.Select(e => e.Setting));
    }

    private static Dictionary<string, Refusal> RefusalTable()
    {
        var rows = new Dictionary<string, Refusal>(StringComparer.Ordinal)
        {
            // The application and its accounts.
            ["application name not a DNS label"] = new(s => s with { ApplicationName = "AiNow" }, "ApplicationName", "'AiNow' is not a DNS label of at most 12 characters", "e.g. 'ainow'"),
            ["application name of 13 characters (off GCP, whose identities it would overrun)"] = new(OffGcp(s => s with { ApplicationName = "chatplatform1" }), "ApplicationName", "'chatplatform1'", "lower-case letters"),
            ["no application name"] = new(s => s with { ApplicationName = null! }, "ApplicationName", "'' is not a DNS label", "e.g. 'ainow'"),
            ["no image tag"] = new(s => s with { ImageTag = null! }, "ImageTag", "'' is not an image tag", "Use a release tag such as '1.4.2' (letters"),
            ["blank image tag"] = new(s => s with { ImageTag = " " }, "ImageTag", "' ' is not an image tag", "(letters, digits, '.', '_', '-')"),
            ["image tag with a space"] = new(s => s with { ImageTag = "1.0 beta" }, "ImageTag", "'1.0 beta' is not an image tag", "(letters, digits, '.', '_', '-')"),
            ["latest image tag"] = new(s => s with { ImageTag = "latest" }, "ImageTag", "'latest' is not a pinned image tag", "or a commit SHA"),
            ["latest image tag in capitals"] = new(s => s with { ImageTag = "LATEST" }, "ImageTag", "is not a pinned image tag", "or a commit SHA"),
            ["AWS account of 4 digits"] = new(Accounts(a => a with { Aws = a.Aws with { AccountId = "1234" } }), "Accounts.Aws.AccountId", "'1234' is not an AWS account id", "12-digit account id"),
            ["AWS account of 13 digits"] = new(Accounts(a => a with { Aws = a.Aws with { AccountId = "1111222233334" } }), "Accounts.Aws.AccountId", "'1111222233334'", "12-digit account id"),
            ["GCP project id of 5 characters"] = new(Accounts(a => a with { Gcp = a.Gcp with { ProjectId = "ainow" } }), "Accounts.Gcp.ProjectId", "'ainow' is not a GCP project id", "Use 6 to 30 lower-case letters"),
            ["GCP project id of 31 characters"] = new(Accounts(a => a with { Gcp = a.Gcp with { ProjectId = "ainow-platform-production-12345" } }), "Accounts.Gcp.ProjectId", "'ainow-platform-production-12345'", "Use 6 to 30"),
            ["DigitalOcean registry name in capitals"] = new(DigitalOcean(d => d with { RegistryName = "AiNow" }), "Accounts.DigitalOcean.RegistryName", "'AiNow' is not a registry name", "DigitalOcean container registry name"),
            ["on-premises registry given as a URL"] = new(OnPrem(o => o with { Registry = "https://registry.example.com" }), "Accounts.OnPrem.Registry", "'https://registry.example.com' is not a registry host", "'registry.example.com:5000/team'"),
            ["DigitalOcean Vault over http"] = new(DigitalOcean(d => d with { VaultAddress = "http://vault.ainow.example.com" }), "Accounts.DigitalOcean.VaultAddress", "'http://vault.ainow.example.com' is not an https address", "the server's https URL"),
            ["on-premises Vault not an address"] = new(OnPrem(o => o with { VaultAddress = "not an address" }), "Accounts.OnPrem.VaultAddress", "'not an address' is not an https address", "the server's https URL"),
            ["DigitalOcean Vault under a private name without its CA"] = new(DigitalOcean(d => d with { VaultAddress = "https://vault.ainow.internal" }), "Accounts.DigitalOcean.VaultCaBundle", "Vault at 'vault.ainow.internal' has a private name", "Set VaultCaBundle to the PEM certificate"),
            ["on-premises Vault CA that is not a certificate"] = new(OnPrem(o => o with { VaultCaBundle = "not a certificate" }), "Accounts.OnPrem.VaultCaBundle", "the value is not a PEM certificate", "including its -----BEGIN CERTIFICATE----- line"),
            ["DigitalOcean Vault CA that is not a certificate"] = new(DigitalOcean(d => d with { VaultCaBundle = "BEGIN CERTIFICATE" }), "Accounts.DigitalOcean.VaultCaBundle", "the value is not a PEM certificate", "-----BEGIN CERTIFICATE-----"),
            ["AWS storage class not a name"] = new(Accounts(a => a with { Aws = a.Aws with { StorageClass = "Fast SSD" } }), "Accounts.Aws.StorageClass", "'Fast SSD' is not a storage class name", "e.g. 'standard'"),
            // Only on-premises needs a class named for in-cluster stores: an empty AWS one is refused once, as a name.
            ["AWS storage class empty"] = new(Accounts(a => a with { Aws = a.Aws with { StorageClass = "" } }), "Accounts.Aws.StorageClass", "'' is not a storage class name", "e.g. 'standard'"),
            ["GCP storage class not a name"] = new(Accounts(a => a with { Gcp = a.Gcp with { StorageClass = "standard_rwo" } }), "Accounts.Gcp.StorageClass", "'standard_rwo'", "e.g. 'standard'"),
            ["DigitalOcean storage class not a name"] = new(DigitalOcean(d => d with { StorageClass = "-block" }), "Accounts.DigitalOcean.StorageClass", "'-block'", "e.g. 'standard'"),
            ["on-premises storage class not a name"] = new(OnPrem(o => o with { StorageClass = "Fast SSD" }), "Accounts.OnPrem.StorageClass", "'Fast SSD' is not a storage class name", "e.g. 'standard'"),
            ["on-premises storage class empty while dev runs in-cluster stores there"] = new(OnPrem(o => o with { StorageClass = "" }), "Accounts.OnPrem.StorageClass", "environment 'dev' runs in-cluster stores on-premises", "kubectl get storageclass")
            {
                Settings = ["Accounts.OnPrem.StorageClass", "Accounts.OnPrem.StorageClass"],
            },
            ["on-premises storage class unset while dev runs in-cluster stores there"] = new(OnPrem(o => o with { StorageClass = null }), "Accounts.OnPrem.StorageClass", "environment 'dev' runs in-cluster stores on-premises, and no storage class is named", "Set it to a StorageClass that exists on the site's cluster"),
            ["PostgreSQL port 0"] = new(OnPrem(o => o with { PostgresPort = 0 }), "Accounts.OnPrem.PostgresPort", "0 is not a TCP port", "from 1 to 65535"),
            ["PostgreSQL port 65536"] = new(OnPrem(o => o with { PostgresPort = 65536 }), "Accounts.OnPrem.PostgresPort", "65536 is not a TCP port", "from 1 to 65535"),
            ["Redis port 0"] = new(OnPrem(o => o with { RedisPort = 0 }), "Accounts.OnPrem.RedisPort", "0 is not a TCP port", "the port the site's store listens on"),
            ["Redis port 65536"] = new(OnPrem(o => o with { RedisPort = 65536 }), "Accounts.OnPrem.RedisPort", "65536 is not a TCP port", "from 1 to 65535"),

            // In-cluster stores, rollout analysis, egress, telemetry and the longest request.
            ["in-cluster store CPU of nothing"] = new(s => s with { InClusterStores = s.InClusterStores with { Resources = s.InClusterStores.Resources with { CpuRequest = "0" } } }, "InClusterStores.Resources.CpuRequest", "'0' is not a positive cpu quantity", "such as '250m'"),
            ["in-cluster store volume of nothing"] = new(s => s with { InClusterStores = s.InClusterStores with { StorageSize = "0" } }, "InClusterStores.StorageSize", "'0' is not a storage size", "such as 10Gi"),
            ["in-cluster store volume not a quantity"] = new(s => s with { InClusterStores = s.InClusterStores with { StorageSize = "ten gigabytes" } }, "InClusterStores.StorageSize", "'ten gigabytes'", "Use a Kubernetes quantity"),
            ["success rate threshold 0"] = new(s => s with { Analysis = s.Analysis with { SuccessRateThreshold = 0 } }, "Analysis.SuccessRateThreshold", "0 is not a share between 0 and 1", "such as 0.99"),
            ["success rate threshold over 1"] = new(s => s with { Analysis = s.Analysis with { SuccessRateThreshold = 1.01 } }, "Analysis.SuccessRateThreshold", "1.01 is not a share", "99% of requests succeed"),
            ["Prometheus not an address"] = new(s => s with { Analysis = s.Analysis with { PrometheusAddress = "not an address" } }, "Analysis.PrometheusAddress", "'not an address' is not an http(s) address", "the Prometheus URL as seen from the cluster"),
            ["Prometheus over ftp"] = new(s => s with { Analysis = s.Analysis with { PrometheusAddress = "ftp://prometheus:9090" } }, "Analysis.PrometheusAddress", "'ftp://prometheus:9090'", "e.g. 'http://prometheus-operated"),
            ["egress for a missing workload"] = new(Egress(("inferense", [443])), "ExternalEgress[inferense]", "there is no workload 'inferense' in the app model", "Use one of: api, gateway, inference, migrations, worker; or remove the entry."),
            ["egress entries in name order"] = new(Egress(("web", [443]), ("cron", [443])), "ExternalEgress[cron]", "'cron'", "or remove the entry")
            {
                Settings = ["ExternalEgress[cron]", "ExternalEgress[web]"],
            },
            ["egress without ports"] = new(Egress(("inference", [])), "ExternalEgress[inference]", "a non-empty list of TCP ports", "e.g. [443]"),
            ["egress with no port list"] = new(Egress(("inference", null!)), "ExternalEgress[inference]", "a non-empty list of TCP ports from 1 to 65535", "List the upstream's ports"),
            ["egress to port 0"] = new(Egress(("inference", [443, 0])), "ExternalEgress[inference]", "from 1 to 65535", "e.g. [443]"),
            ["egress to port 65536"] = new(Egress(("inference", [65536, 443])), "ExternalEgress[inference]", "from 1 to 65535", "e.g. [443]"),
            ["OTLP endpoint not an address"] = new(s => s with { Telemetry = s.Telemetry with { OtlpEndpoint = "not an address" } }, "Telemetry.OtlpEndpoint", "'not an address' is not an http(s) address", "the collector's address as seen from the cluster"),
            ["OTLP endpoint with a grpc scheme"] = new(s => s with { Telemetry = s.Telemetry with { OtlpEndpoint = "grpc://otel-collector:4317" } }, "Telemetry.OtlpEndpoint", "'grpc://otel-collector:4317'", "e.g. 'http://otel-collector"),
            ["OTLP protocol http/json"] = new(s => s with { Telemetry = s.Telemetry with { OtlpProtocol = "http/json" } }, "Telemetry.OtlpProtocol", "'http/json' is not an OTLP protocol", "Use 'grpc' or 'http/protobuf'."),
            ["longest request of 29 seconds"] = new(s => s with { LongestRequestSeconds = 29 }, "LongestRequestSeconds", "29 s is not a request timeout", "from 30 to 3600"),
            ["longest request of 3601 seconds"] = new(s => s with { LongestRequestSeconds = 3601 }, "LongestRequestSeconds", "3601 s", "300 by default"),

            // Environments: names, clouds, regions and name lengths.
            ["no environment"] = new(s => s with { Environments = [] }, "Environments", "no environment is defined", "Define at least one environment"),
            ["no environment list"] = new(s => s with { Environments = null! }, "Environments", "no environment is defined", "DeploymentDefaults.Environments"),
            ["environment name in capitals"] = new(Dev(e => e with { Name = "Dev" }), "Environments[Dev].Name", "'Dev' is not a DNS label of at most 20 characters", "e.g. 'staging'"),
            ["environment name of 21 characters (off GCP, whose names it would overrun)"] = new(OffGcp(Dev(e => e with { Name = "performance-test-eu12" })), "Environments[performance-test-eu12].Name", "'performance-test-eu12'", "lower-case letters, digits and '-'"),
            ["environment defined twice"] = new(s => s with { Environments = [s.Environments[0], s.Environments[0] with { VpcCidr = "10.40.0.0/16" }] }, "Environments[dev].Name", "environment 'dev' is defined twice", "Give every environment its own name."),
            ["no cloud"] = new(Dev(e => e with { Clouds = [] }), "Environments[dev].Clouds", "no cloud is targeted", "List at least one of: aws, gcp, digitalocean, onprem."),
            ["no cloud list"] = new(Dev(e => e with { Clouds = null! }), "Environments[dev].Clouds", "no cloud is targeted", "List at least one of"),
            ["unknown cloud"] = new(Staging(e => e with { Clouds = [Cloud.Aws, (Cloud)42] }), "Environments[staging].Clouds[1]", "'42' is not a known cloud", "Use one of: aws, gcp, digitalocean, onprem."),
            ["cloud listed twice"] = new(Dev(e => e with { Clouds = [Cloud.Aws, Cloud.Aws] }), "Environments[dev].Clouds[1]", "'Aws' is listed twice", "List each cloud once."),
            ["cloud listed twice is checked once"] = new(Dev(e => e with { Clouds = [Cloud.Aws, Cloud.Aws], Regions = new Dictionary<Cloud, string> { [Cloud.Aws] = "nyc3" } }), "Environments[dev].Clouds[1]", "'Aws' is listed twice", "List each cloud once.")
            {
                Settings = ["Environments[dev].Regions[aws]", "Environments[dev].Clouds[1]"],
            },
            ["region of another cloud"] = new(Production(e => e with { Regions = new Dictionary<Cloud, string> { [Cloud.Aws] = "europe-west1" } }), "Environments[production].Regions[aws]", "'europe-west1' is not a aws region", "Use a region such as 'us-east-1'."),
            ["system of record on a cloud not targeted"] = new(Staging(e => e with { Clouds = [Cloud.Aws, Cloud.Gcp], PrimaryCloud = Cloud.DigitalOcean }), "Environments[staging].PrimaryCloud", "'DigitalOcean' holds the system of record", "Use one of: Aws, Gcp, or leave it unset"),
            ["cluster name over AWS's 30 characters (off GCP)"] = new(OffGcp(Combine(s => s with { ApplicationName = "chatplatform" }, Dev(e => e with { Name = "performance-test-1" }))), "Environments[performance-test-1].Name", "the cluster name 'chatplatform-performance-test-1' has 31 characters; aws allows 30", "Shorten the environment name or ApplicationName."),
            ["cluster name over GCP's 24 characters, with its identities"] = new(AddEnvironment(DeploymentDefaults.Staging with { Name = "performance-test-12", Clouds = [Cloud.Gcp], VpcCidr = "10.40.0.0/16" }), "Environments[performance-test-12].Name", "the cluster name 'ainow-performance-test-12' has 25 characters; gcp allows 24", "Shorten the environment name")
            {
                Settings = ["Environments[performance-test-12].Name", "Environments[performance-test-12].Name"],
            },
            ["workload identity over GCP's 30 characters"] = new(AddEnvironment(DeploymentDefaults.Staging with { Name = "performance-test", Clouds = [Cloud.Gcp], VpcCidr = "10.40.0.0/16" }), "Environments[performance-test].Name", "the workload identity 'ainow-performance-test-migrations' has 33 characters; gcp allows 30", "Shorten the environment name or ApplicationName."),
            // The collector's identity is as long as these workloads': the message names the first in ordinal order.
            ["identities of one length, the collector's among them, named in ordinal order"] = new(
                s => s with { ApplicationName = "chatplatform", Environments = [DeploymentDefaults.Staging with { Name = "loadtest", Clouds = [Cloud.Gcp] }] },
                "Environments[loadtest].Name",
                "the workload identity 'chatplatform-loadtest-collector' has 31 characters; gcp allows 30",
                "Shorten the environment name")
            {
                Scope = AppHostScope with { Workloads = ["scheduler", "inference"] },
            },
            ["secret parameter without an application name"] = new(Combine(s => s with { ApplicationName = null! }, Dev(Parameters(("admin-key", "value")))), "Environments[dev].Parameters[admin-key]", "'admin-key' is a secret", "store the value in the secret store as '-dev-admin-key'")
            {
                Settings = ["ApplicationName", "Environments[dev].Parameters[admin-key]"],
            },

            // Environments: sizing, host name, stores, rollout, node pools, services and parameters.
            ["zero replicas"] = new(Dev(e => e with { Replicas = 0 }), "Environments[dev].Replicas", "0 replicas cannot serve anything", "Set Replicas to 1 or more."),
            ["cpu request not a quantity"] = new(Dev(Resources(r => r with { CpuRequest = "lots" })), "Environments[dev].Resources.CpuRequest", "'lots' is not a positive cpu quantity", "Use a Kubernetes quantity such as '250m'."),
            ["cpu request of nothing"] = new(Dev(Resources(r => r with { CpuRequest = "0" })), "Environments[dev].Resources.CpuRequest", "'0' is not a positive cpu quantity", "such as '250m'"),
            ["cpu limit not a quantity"] = new(Dev(Resources(r => r with { CpuLimit = "half" })), "Environments[dev].Resources.CpuLimit", "'half' is not a positive cpu quantity", "such as '250m'"),
            // A limit of nothing is refused as a quantity, not also as below its request.
            ["cpu limit of nothing"] = new(Dev(Resources(r => r with { CpuLimit = "0" })), "Environments[dev].Resources.CpuLimit", "'0' is not a positive cpu quantity", "such as '250m'"),
            ["memory request of nothing"] = new(Staging(Resources(r => r with { MemoryRequest = "0" })), "Environments[staging].Resources.MemoryRequest", "'0' is not a positive memory quantity", "such as '256Mi'"),
            ["memory limit not a quantity"] = new(Staging(Resources(r => r with { MemoryLimit = "1 GB" })), "Environments[staging].Resources.MemoryLimit", "'1 GB' is not a positive memory quantity", "such as '256Mi'"),
            ["cpu limit below request"] = new(Production(Resources(r => r with { CpuRequest = "2", CpuLimit = "1" })), "Environments[production].Resources.CpuLimit", "the limit '1' is below the request '2'", "Raise CpuLimit to at least '2' or lower CpuRequest."),
            ["memory limit below request"] = new(Staging(Resources(r => r with { MemoryRequest = "2Gi", MemoryLimit = "1Gi" })), "Environments[staging].Resources.MemoryLimit", "the limit '1Gi' is below the request '2Gi'", "Raise MemoryLimit to at least '2Gi' or lower MemoryRequest."),
            ["autoscaling from zero replicas"] = new(Staging(Autoscaling(a => a with { MinReplicas = 0 })), "Environments[staging].Autoscaling.MinReplicas", "0 is below 1", "Set MinReplicas to 1 or more."),
            ["autoscaling max below min"] = new(Production(Autoscaling(a => a with { MinReplicas = 3, MaxReplicas = 2 })), "Environments[production].Autoscaling.MaxReplicas", "MaxReplicas 2 is below MinReplicas 3", "Set MaxReplicas to at least 3."),
            ["autoscaling to 0% utilisation"] = new(Staging(Autoscaling(a => a with { TargetCpuUtilization = 0 })), "Environments[staging].Autoscaling.TargetCpuUtilization", "0% is not a utilisation target", "from 1 to 100, e.g. 70"),
            ["autoscaling to 101% utilisation"] = new(Production(Autoscaling(a => a with { TargetCpuUtilization = 101 })), "Environments[production].Autoscaling.TargetCpuUtilization", "101% is not a utilisation target", "Use a percentage from 1 to 100"),
            ["hostname with scheme and path"] = new(Production(e => e with { Hostname = "https://api.example.com/v1" }), "Environments[production].Hostname", "'https://api.example.com/v1' is not a DNS name", "Use a fully qualified host name such as 'api.example.com'"),
            ["unknown store mode"] = new(Staging(e => e with { Stores = (StoreMode)42 }), "Environments[staging].Stores", "'42' is not a store mode", "Use one of: InCluster, Managed."),
            ["production-grade with in-cluster stores"] = new(Production(e => e with { Stores = StoreMode.InCluster }), "Environments[production].Stores", "a production-grade environment cannot rely on", "Set Stores to Managed"),
            ["backups kept 1 day (Cloud SQL keeps a day fewer of logs)"] = new(Staging(ManagedStores(m => m with { BackupRetentionDays = 1 })), "Environments[staging].ManagedStores.BackupRetentionDays", "1 days is outside what every cloud offers", "Use 2 to 35 days."),
            ["backups kept 36 days"] = new(Staging(ManagedStores(m => m with { BackupRetentionDays = 36 })), "Environments[staging].ManagedStores.BackupRetentionDays", "36 days is outside", "Use 2 to 35 days."),
            ["managed disk of 9 GiB"] = new(Staging(ManagedStores(m => m with { StorageGb = 9 })), "Environments[staging].ManagedStores.StorageGb", "9 GiB is not a managed PostgreSQL disk", "Use 10 to 65536 GiB."),
            ["managed disk of 65537 GiB"] = new(Staging(ManagedStores(m => m with { StorageGb = 65537 })), "Environments[staging].ManagedStores.StorageGb", "65537 GiB", "Use 10 to 65536 GiB."),
            ["production without a standby"] = new(Production(ManagedStores(m => m with { HighAvailability = false })), "Environments[production].ManagedStores", "needs a standby in another zone and at least a week of backups", "Set HighAvailability to true and BackupRetentionDays to 7 or more."),
            ["production with 6 days of backups"] = new(Production(ManagedStores(m => m with { BackupRetentionDays = 6 })), "Environments[production].ManagedStores", "at least a week of backups", "BackupRetentionDays to 7 or more"),
            ["unknown rollout strategy"] = new(Staging(e => e with { Rollout = (RolloutStrategy)42 }), "Environments[staging].Rollout", "'42' is not a rollout strategy", "Use one of: None, Canary, BlueGreen."),
            ["approval without a progressive rollout"] = new(Dev(e => e with { RequireApproval = true }), "Environments[dev].RequireApproval", "approval needs a release to pause at", "Set Rollout to Canary or BlueGreen, or RequireApproval to false."),
            ["node pool of no nodes"] = new(Dev(NodePools(n => n with { MinNodes = 0 })), "Environments[dev].NodePools", "node pool bounds 0-3 (GPU up to 0) are not a range", "Use MinNodes of 1 or more"),
            ["node pool max below min"] = new(Staging(NodePools(n => n with { MinNodes = 2, MaxNodes = 1 })), "Environments[staging].NodePools", "node pool bounds 2-1 (GPU up to 0)", "MaxNodes of at least MinNodes"),
            ["node pool of -1 GPU nodes"] = new(Production(NodePools(n => n with { MaxGpuNodes = -1 })), "Environments[production].NodePools", "node pool bounds 3-10 (GPU up to -1)", "MaxGpuNodes of 0 or more"),
            ["override of a missing workload"] = new(Staging(Services(("apii", new() { Replicas = 2 }))), "Environments[staging].Services[apii]", "there is no workload 'apii' in the app model", "Use one of: api, gateway, inference, migrations, worker; or remove the entry."),
            ["overrides of missing workloads in name order"] = new(Staging(Services(("zeta", new()), ("alpha", new()))), "Environments[staging].Services[alpha]", "'alpha'", "or remove the entry")
            {
                Settings = ["Environments[staging].Services[alpha]", "Environments[staging].Services[zeta]"],
            },
            ["override of zero replicas"] = new(Staging(Services(("inference", new() { Replicas = 0 }))), "Environments[staging].Services[inference].Replicas", "0 replicas cannot serve anything", "Set Replicas to 1 or more, or leave it unset."),
            ["override with a memory limit below its request"] = new(Staging(Services(("inference", new() { Resources = new() { MemoryRequest = "2Gi", MemoryLimit = "1Gi" } }))), "Environments[staging].Services[inference].Resources.MemoryLimit", "the limit '1Gi' is below the request '2Gi'", "Raise MemoryLimit"),
            ["override with autoscaling to 0% utilisation"] = new(Staging(Services(("inference", new() { Autoscaling = new() { Enabled = true, TargetCpuUtilization = 0 } }))), "Environments[staging].Services[inference].Autoscaling.TargetCpuUtilization", "0% is not a utilisation target", "from 1 to 100"),
            ["secret value in settings"] = new(Dev(Parameters(("admin-key", "do-not-put-secrets-here"))), "Environments[dev].Parameters[admin-key]", "'admin-key' is a secret, and secrets never appear in settings or manifests", "Remove it here and store the value in the secret store as 'ainow-dev-admin-key'."),
            ["missing parameter"] = new(Dev(Parameters(("llm-endpont", "https://llm.example.com"))), "Environments[dev].Parameters[llm-endpont]", "there is no parameter 'llm-endpont' in the app model", "Use one of: llm-endpoint; or remove the entry."),
            ["missing parameters in name order"] = new(Dev(Parameters(("zeta", "1"), ("alpha", "1"))), "Environments[dev].Parameters[alpha]", "'alpha'", "Use one of: llm-endpoint;")
            {
                Settings = ["Environments[dev].Parameters[alpha]", "Environments[dev].Parameters[zeta]"],
            },

            // Environments: private ranges.
            ["public address range"] = new(Staging(e => e with { VpcCidr = "8.8.0.0/16" }), "Environments[staging].VpcCidr", "'8.8.0.0/16' is not a private IPv4 range with a prefix of /8 to /24", "Use an RFC 1918 range such as '10.20.0.0/16'."),
            // A named range outside the private space is reported under its own name only, not again as derived from VpcCidr.
            ["public ranges named per cloud, in cloud order"] = new(Staging(Networks((Cloud.Gcp, "8.8.0.0/16"), (Cloud.Aws, "9.9.0.0/16"))), "Environments[staging].Networks[Aws]", "'9.9.0.0/16' is not a private IPv4 range", "Use an RFC 1918 range such as '10.21.0.0/16'.")
            {
                Settings = ["Environments[staging].Networks[Aws]", "Environments[staging].Networks[Gcp]"],
            },
            // A /20 that GCP would refuse as well: once out of the private space, the range is not checked further.
            ["range derived past the private space"] = new(Staging(e => e with { Clouds = [Cloud.Aws, Cloud.Gcp], VpcCidr = "172.31.240.0/20" }), "Environments[staging].VpcCidr", "the range derived for Gcp ('172.32.0.0/20') leaves the private address space", "Choose a lower VpcCidr or set Networks[Gcp]."),
            ["range named with host bits set"] = new(Staging(Networks((Cloud.OnPrem, "10.23.0.1/16"))), "Environments[staging].Networks[OnPrem]", "'10.23.0.1/16' is not a private IPv4 range", "such as '10.21.0.0/16'"),
            ["VpcCidr larger than AWS takes"] = new(Staging(e => e with { VpcCidr = "10.20.0.0/15" }), "Environments[staging].VpcCidr", "the range derived for Aws ('10.20.0.0/15') is a /15; the aws foundation takes /16 to /20", "Give VpcCidr a prefix from /16 to /20, or set Networks[Aws]."),
            ["VpcCidr smaller than GCP and DigitalOcean take"] = new(Staging(e => e with { VpcCidr = "10.20.0.0/17" }), "Environments[staging].VpcCidr", "the range derived for Gcp ('10.20.128.0/17') is a /17; the gcp foundation takes /8 to /16", "Give VpcCidr a prefix from /8 to /16, or set Networks[Gcp].")
            {
                Settings = ["Environments[staging].VpcCidr", "Environments[staging].VpcCidr"],
            },
            ["AWS range smaller than AWS takes"] = new(Staging(Networks((Cloud.Aws, "10.40.0.0/21"))), "Environments[staging].Networks[Aws]", "'10.40.0.0/21' is a /21 range; the aws foundation takes /16 to /20", "Give Networks[Aws] a prefix from /16 to /20."),
            ["DigitalOcean range larger than DigitalOcean takes"] = new(Staging(Networks((Cloud.DigitalOcean, "10.64.0.0/11"))), "Environments[staging].Networks[DigitalOcean]", "the digitalocean foundation takes /12 to /16", "Give Networks[DigitalOcean] a prefix from /12 to /16."),
            ["ranges of two environments overlap"] = new(Staging(e => e with { VpcCidr = "10.11.0.0/16" }), "Environments[staging].Networks[Aws]", "'10.11.0.0/16' overlaps Environments[dev].Networks[Gcp] ('10.11.0.0/16')", "Give each environment a VpcCidr far enough apart")
            {
                Settings = ["Environments[staging].Networks[Aws]", "Environments[staging].Networks[Gcp]", "Environments[staging].Networks[DigitalOcean]"],
            },
            ["range inside an earlier environment's"] = new(Staging(Networks((Cloud.Aws, "10.10.16.0/20"))), "Environments[staging].Networks[Aws]", "'10.10.16.0/20' overlaps Environments[dev].Networks[Aws] ('10.10.0.0/16')", "or set Networks per cloud"),
            ["range holding an earlier environment's"] = new(Staging(Networks((Cloud.Gcp, "10.8.0.0/14"))), "Environments[staging].Networks[Gcp]", "'10.8.0.0/14' overlaps Environments[dev].Networks[Aws] ('10.10.0.0/16'); interconnected clouds and environments need distinct ranges", "(each cloud takes the next block)"),
            ["ranges of two clouds of one environment overlap"] = new(Dev(Networks((Cloud.Gcp, "10.10.0.0/16"))), "Environments[dev].Networks[Gcp]", "overlaps Environments[dev].Networks[Aws]", "Give each environment a VpcCidr far enough apart"),

            // Infrastructure.
            ["Kubernetes 1.29"] = new(s => s with { KubernetesVersion = "1.29" }, "KubernetesVersion", "'1.29' is not a Kubernetes minor version of 1.30 or later", "e.g. '1.33' (the pods' preStop sleep needs 1.30)"),
            ["Kubernetes version with a v"] = new(s => s with { KubernetesVersion = "v1.33" }, "KubernetesVersion", "'v1.33'", "Use a minor version every cloud offers"),
            ["Kubernetes patch version"] = new(s => s with { KubernetesVersion = "1.33.2" }, "KubernetesVersion", "'1.33.2'", "e.g. '1.33'"),
            ["public zone of one label"] = new(s => s with { PublicDnsZone = "example" }, "PublicDnsZone", "'example' is not a DNS zone", "e.g. 'example.com'"),
            ["repository given as a URL"] = new(s => s with { SourceRepository = "https://github.com/contoso/ainow" }, "SourceRepository", "'https://github.com/contoso/ainow' is not a GitHub repository", "as owner/name (e.g. 'contoso/ainow')"),
            ["ACME e-mail without a domain"] = new(s => s with { AcmeEmail = "platform" }, "AcmeEmail", "'platform' is not an e-mail address", "certificate expiry notices"),
            ["ACME e-mail without a top-level domain"] = new(s => s with { AcmeEmail = "platform@example" }, "AcmeEmail", "'platform@example'", "e.g. 'platform@example.com'"),
            ["one zone"] = new(Dev(Infrastructure(i => i with { Zones = 1 })), "Environments[dev].Infrastructure.Zones", "1 zones: a highly available network needs 2 at least", "Use 2 to 6"),
            ["seven zones"] = new(Production(Infrastructure(i => i with { Zones = 7 })), "Environments[production].Infrastructure.Zones", "7 zones", "(2 for dev, 3 otherwise)"),
            ["logs kept 2 days"] = new(Dev(Infrastructure(i => i with { LogRetentionDays = 2 })), "Environments[dev].Infrastructure.LogRetentionDays", "2 days is not a retention both CloudWatch Logs and Cloud Logging accept", "Use one of: 1, 3, 5, 7, 14, 30,"),
            ["logs kept 3653 days (beyond Cloud Logging's 3650)"] = new(Dev(Infrastructure(i => i with { LogRetentionDays = 3653, AuditLogRetentionDays = 3653 })), "Environments[dev].Infrastructure.LogRetentionDays", "3653 days", "2922, 3288.")
            {
                Settings = ["Environments[dev].Infrastructure.LogRetentionDays", "Environments[dev].Infrastructure.AuditLogRetentionDays"],
            },
            ["audit events kept 4 days"] = new(Dev(Infrastructure(i => i with { AuditLogRetentionDays = 4 })), "Environments[dev].Infrastructure.AuditLogRetentionDays", "4 days is not a retention", "Use one of: 1, 3, 5"),
            ["audit events kept less than logs"] = new(Production(Infrastructure(i => i with { AuditLogRetentionDays = 180 })), "Environments[production].Infrastructure.AuditLogRetentionDays", "Audit events would be kept 180 days, less than the 365 days of the application logs", "Use at least 365 (LogRetentionDays), or lower LogRetentionDays."),
            ["no trace retention"] = new(Dev(Infrastructure(i => i with { TraceRetentionDays = 0 })), "Environments[dev].Infrastructure.TraceRetentionDays", "0 days is not a trace retention", "Use 1 to 365 days"),
            ["traces kept 366 days"] = new(Production(Infrastructure(i => i with { TraceRetentionDays = 366 })), "Environments[production].Infrastructure.TraceRetentionDays", "366 days", "keep longer records as logs"),
            ["telemetry volume under 1Gi"] = new(Dev(Infrastructure(i => i with { TelemetryVolumeSize = "1023Mi" })), "Environments[dev].Infrastructure.TelemetryVolumeSize", "'1023Mi' is not a volume size of at least 1Gi", "Use a Kubernetes quantity such as 50Gi"),
            ["telemetry volume not a quantity"] = new(Staging(Infrastructure(i => i with { TelemetryVolumeSize = "fifty gigabytes" })), "Environments[staging].Infrastructure.TelemetryVolumeSize", "'fifty gigabytes'", "Loki and Tempo each get a volume"),
            ["edge rate limit of 99"] = new(Dev(Infrastructure(i => i with { EdgeRateLimit = 99 })), "Environments[dev].Infrastructure.EdgeRateLimit", "99 requests per 5 minutes", "Use 100 (fewer throttles ordinary use) to 2000000000"),
            ["edge rate limit over what AWS WAF counts"] = new(Dev(Infrastructure(i => i with { EdgeRateLimit = 2_000_000_001 })), "Environments[dev].Infrastructure.EdgeRateLimit", "2000000001 requests per 5 minutes", "(the most AWS WAF counts)"),
            ["hostname outside the public zone"] = new(Production(e => e with { Hostname = "api.example.org" }), "Environments[production].Hostname", "'api.example.org' is not in the public zone 'ainow.example.com'", "Use a name ending in '.ainow.example.com', or set PublicDnsZone"),
            ["hostname at the public zone's apex"] = new(Production(e => e with { Hostname = "ainow.example.com" }), "Environments[production].Hostname", "'ainow.example.com' is not in the public zone", "ending in '.ainow.example.com'"),
            ["hostname merely ending in the zone's name"] = new(Production(e => e with { Hostname = "myainow.example.com" }), "Environments[production].Hostname", "'myainow.example.com' is not in the public zone", "ending in '.ainow.example.com'"),

            // Overrides declared on the app model's resources.
            ["resource override for an unknown environment"] = new(Unchanged, "api.WithDeploymentOverrides.Environments[qa]", "there is no environment 'qa'", "Use one of: dev, production, staging.")
            {
                Scope = Overrides(("api", ForEnvironments(("qa", new())))),
            },
            ["resource override of zero replicas everywhere"] = new(Unchanged, "api.WithDeploymentOverrides.Replicas", "0 replicas cannot serve anything", "or leave it unset")
            {
                Scope = Overrides(("api", ForAllEnvironments(new() { Replicas = 0 }))),
            },
            ["resource override with a cpu limit below its request everywhere"] = new(Unchanged, "api.WithDeploymentOverrides.Resources.CpuLimit", "the limit '1' is below the request '2'", "Raise CpuLimit to at least '2'")
            {
                Scope = Overrides(("api", ForAllEnvironments(new() { Resources = new() { CpuRequest = "2", CpuLimit = "1" } }))),
            },
            ["resource override autoscaling from zero replicas everywhere"] = new(Unchanged, "api.WithDeploymentOverrides.Autoscaling.MinReplicas", "0 is below 1", "Set MinReplicas to 1 or more.")
            {
                Scope = Overrides(("api", ForAllEnvironments(new() { Autoscaling = new() { Enabled = true, MinReplicas = 0 } }))),
            },
            ["resource override of zero replicas in staging"] = new(Unchanged, "api.WithDeploymentOverrides.Environments[staging].Replicas", "0 replicas", "Set Replicas to 1 or more, or leave it unset.")
            {
                Scope = Overrides(("api", ForEnvironments(("staging", new() { Replicas = 0 })))),
            },
            ["resource override of no memory in production"] = new(Unchanged, "api.WithDeploymentOverrides.Environments[production].Resources.MemoryRequest", "'0' is not a positive memory quantity", "such as '256Mi'")
            {
                Scope = Overrides(("api", ForEnvironments(("production", new() { Resources = new() { MemoryRequest = "0" } })))),
            },
            ["resource override autoscaling to 101% in dev"] = new(Unchanged, "api.WithDeploymentOverrides.Environments[dev].Autoscaling.TargetCpuUtilization", "101% is not a utilisation target", "from 1 to 100")
            {
                Scope = Overrides(("api", ForEnvironments(("dev", new() { Autoscaling = new() { Enabled = true, TargetCpuUtilization = 101 } })))),
            },
            ["resource overrides by resource, then environment, in name order"] = new(Unchanged, "api.WithDeploymentOverrides.Environments[dev].Replicas", "0 replicas", "or leave it unset")
            {
                Settings = ["api.WithDeploymentOverrides.Environments[dev].Replicas", "api.WithDeploymentOverrides.Environments[staging].Replicas", "worker.WithDeploymentOverrides.Replicas"],
                Scope = Overrides(
                    ("worker", ForAllEnvironments(new() { Replicas = 0 })),
                    ("api", ForEnvironments(("staging", new() { Replicas = 0 }), ("dev", new() { Replicas = 0 })))),
            },
            ["resource override for an environment when none is defined"] = new(s => s with { Environments = null! }, "api.WithDeploymentOverrides.Environments[dev]", "there is no environment 'dev'", "Use one of: .")
            {
                Settings = ["Environments", "api.WithDeploymentOverrides.Environments[dev]"],
                Scope = Overrides(("api", ForEnvironments(("dev", new())))),
            },
        };

        foreach (var suffix in new[] { ".internal", ".local", ".lan", ".corp", ".home", ".intranet", ".localdomain" })
        {
            var host = $"vault.site{suffix}";
            rows[$"on-premises Vault under a {suffix} name without its CA"] = new(OnPrem(o => o with { VaultAddress = $"https://{host}:8200" }), "Accounts.OnPrem.VaultCaBundle", $"Vault at '{host}' has a private name, which no public CA certifies", "(it is public, not a secret)");
        }

        return rows;
    }

    private static Dictionary<string, Acceptance> AcceptanceTable() => new(StringComparer.Ordinal)
    {
        ["application name of 12 characters (off GCP, whose identities it would overrun)"] = new(OffGcp(s => s with { ApplicationName = "chatplatform" })),
        ["application name of one letter"] = new(s => s with { ApplicationName = "a" }),
        ["GCP project id of 6 characters"] = new(Accounts(a => a with { Gcp = a.Gcp with { ProjectId = "ainow1" } })),
        ["GCP project id of 30 characters"] = new(Accounts(a => a with { Gcp = a.Gcp with { ProjectId = "ainow-platform-production-1234" } })),
        ["store ports 1 and 65535"] = new(OnPrem(o => o with { PostgresPort = 1, RedisPort = 65535 })),
        ["store ports 65535 and 1"] = new(OnPrem(o => o with { PostgresPort = 65535, RedisPort = 1 })),
        ["Vault under a private name with its CA"] = new(Combine(
            OnPrem(o => o with { VaultAddress = "https://vault.site.internal:8200", VaultCaBundle = Pem }),
            DigitalOcean(d => d with { VaultAddress = "https://vault.site.lan", VaultCaBundle = Pem }))),
        ["Vault under a public name with a CA"] = new(OnPrem(o => o with { VaultCaBundle = Pem })),
        ["on-premises storage class unset when its stores are managed"] = new(Combine(OnPrem(o => o with { StorageClass = null }), Dev(e => e with { Stores = StoreMode.Managed }))),
        ["in-cluster store volume of 1Gi"] = new(s => s with { InClusterStores = s.InClusterStores with { StorageSize = "1Gi" } }),
        ["success rate threshold 1"] = new(s => s with { Analysis = s.Analysis with { SuccessRateThreshold = 1 } }),
        ["success rate threshold just above 0"] = new(s => s with { Analysis = s.Analysis with { SuccessRateThreshold = 0.001 } }),
        ["Prometheus over https"] = new(s => s with { Analysis = s.Analysis with { PrometheusAddress = "https://prometheus.example.com" } }),
        ["egress to ports 1 and 65535"] = new(Egress(("inference", [1, 65535]))),
        ["no egress"] = new(s => s with { ExternalEgress = new Dictionary<string, IReadOnlyList<int>>() }),
        ["OTLP endpoint over https"] = new(s => s with { Telemetry = s.Telemetry with { OtlpEndpoint = "https://otel.example.com:4318" } }),
        ["OTLP over http/protobuf"] = new(s => s with { Telemetry = s.Telemetry with { OtlpProtocol = "http/protobuf" } }),
        ["longest request of 30 seconds"] = new(s => s with { LongestRequestSeconds = 30 }),
        ["longest request of 3600 seconds"] = new(s => s with { LongestRequestSeconds = 3600 }),
        ["environment name of 20 characters (off GCP, whose names it would overrun)"] = new(OffGcp(Dev(e => e with { Name = "performance-test-eu1" }))),
        ["cluster name of AWS's 30 characters (off GCP)"] = new(OffGcp(Combine(s => s with { ApplicationName = "chatplatform" }, Dev(e => e with { Name = "performance-test1" })))),
        ["workload identity of GCP's 30 characters"] = new(AddEnvironment(DeploymentDefaults.Staging with { Name = "load-testing1", Clouds = [Cloud.Gcp], VpcCidr = "10.40.0.0/16" })),
        ["one cloud"] = new(Staging(e => e with { Clouds = [Cloud.Gcp] })),
        ["system of record on one of the clouds"] = new(Staging(e => e with { PrimaryCloud = Cloud.Gcp })),
        ["one replica"] = new(Staging(e => e with { Replicas = 1 })),
        ["limits equal to requests"] = new(Dev(Resources(r => r with { CpuLimit = "100m", MemoryLimit = "128Mi" }))),
        ["autoscaling from 1 replica"] = new(Staging(Autoscaling(a => a with { MinReplicas = 1, MaxReplicas = 1 }))),
        ["autoscaling max equal to min"] = new(Production(Autoscaling(a => a with { MaxReplicas = 3 }))),
        ["autoscaling to 1% utilisation"] = new(Staging(Autoscaling(a => a with { TargetCpuUtilization = 1 }))),
        ["autoscaling to 100% utilisation"] = new(Staging(Autoscaling(a => a with { TargetCpuUtilization = 100 }))),
        ["autoscaling switched off is not checked"] = new(Dev(Autoscaling(a => a with { Enabled = false, MinReplicas = 0, MaxReplicas = -1, TargetCpuUtilization = 0 }))),
        ["managed stores of an in-cluster environment are not checked"] = new(Dev(ManagedStores(m => m with { BackupRetentionDays = 0, StorageGb = 1 }))),
        ["backups kept 2 days"] = new(Staging(ManagedStores(m => m with { BackupRetentionDays = 2 }))),
        ["backups kept 35 days"] = new(Staging(ManagedStores(m => m with { BackupRetentionDays = 35 }))),
        ["production backups kept a week"] = new(Production(ManagedStores(m => m with { BackupRetentionDays = 7 }))),
        ["managed disk of 10 GiB"] = new(Staging(ManagedStores(m => m with { StorageGb = 10 }))),
        ["managed disk of 65536 GiB"] = new(Production(ManagedStores(m => m with { StorageGb = 65536 }))),
        ["approval with a canary rollout"] = new(Staging(e => e with { Rollout = RolloutStrategy.Canary })),
        ["node pool of one node"] = new(Staging(NodePools(n => n with { MinNodes = 1, MaxNodes = 1 }))),
        ["node pool max equal to min"] = new(Production(NodePools(n => n with { MaxNodes = 3 }))),
        ["node pool with GPU nodes"] = new(Production(NodePools(n => n with { MaxGpuNodes = 2 }))),
        ["override of one replica"] = new(Staging(Services(("inference", new() { Replicas = 1 })))),
        ["override of two replicas"] = new(Staging(Services(("inference", new() { Replicas = 2 })))),
        ["known parameter"] = new(Dev(Parameters(("llm-endpoint", "https://llm.example.com")))),
        ["ranges at each cloud's size bounds"] = new(Staging(Networks(
            (Cloud.Aws, "10.40.0.0/20"),
            (Cloud.Gcp, "172.16.0.0/12"),
            (Cloud.DigitalOcean, "10.48.0.0/12"),
            (Cloud.OnPrem, "192.168.10.0/24")))),
        ["AWS range right after the last of dev's"] = new(Staging(Networks((Cloud.Aws, "10.14.0.0/16")))),
        ["Kubernetes 1.30"] = new(s => s with { KubernetesVersion = "1.30" }),
        ["two zones"] = new(Production(Infrastructure(i => i with { Zones = 2 }))),
        ["six zones"] = new(Production(Infrastructure(i => i with { Zones = 6 }))),
        ["logs kept 1 day"] = new(Dev(Infrastructure(i => i with { LogRetentionDays = 1 }))),
        ["logs and audit events kept 3288 days, the longest both clouds keep"] = new(Production(Infrastructure(i => i with { LogRetentionDays = 3288, AuditLogRetentionDays = 3288 }))),
        ["audit events kept as long as logs"] = new(Production(Infrastructure(i => i with { AuditLogRetentionDays = 365 }))),
        ["traces kept 1 day"] = new(Dev(Infrastructure(i => i with { TraceRetentionDays = 1 }))),
        ["traces kept 365 days"] = new(Production(Infrastructure(i => i with { TraceRetentionDays = 365 }))),
        ["telemetry volume of 1Gi"] = new(Dev(Infrastructure(i => i with { TelemetryVolumeSize = "1Gi" }))),
        ["edge rate limit of 100"] = new(Dev(Infrastructure(i => i with { EdgeRateLimit = 100 }))),
        ["edge rate limit of AWS WAF's 2000000000"] = new(Dev(Infrastructure(i => i with { EdgeRateLimit = 2_000_000_000 }))),
        ["resource overrides everywhere and in a known environment"] = new(Unchanged)
        {
            Scope = Overrides(("api", new ResourceOverrides(
                new() { Replicas = 2, Resources = new(), Autoscaling = new() { Enabled = true } },
                new Dictionary<string, ServiceOverrides> { ["staging"] = new() { Replicas = 1 } }))),
        },
    };

    private static DeploymentSettings Unchanged(DeploymentSettings settings) => settings;

    private static Func<DeploymentSettings, DeploymentSettings> Combine(params Func<DeploymentSettings, DeploymentSettings>[] changes) =>
        settings => changes.Aggregate(settings, (changed, change) => change(changed));

    private static Func<DeploymentSettings, DeploymentSettings> Dev(Func<EnvironmentSettings, EnvironmentSettings> change) => ChangeEnvironment(0, change);

    private static Func<DeploymentSettings, DeploymentSettings> Staging(Func<EnvironmentSettings, EnvironmentSettings> change) => ChangeEnvironment(1, change);

    private static Func<DeploymentSettings, DeploymentSettings> Production(Func<EnvironmentSettings, EnvironmentSettings> change) => ChangeEnvironment(2, change);

    private static Func<DeploymentSettings, DeploymentSettings> ChangeEnvironment(int index, Func<EnvironmentSettings, EnvironmentSettings> change) =>
        settings => settings with { Environments = [.. settings.Environments.Select((e, i) => i == index ? change(e) : e)] };

    private static Func<DeploymentSettings, DeploymentSettings> AddEnvironment(EnvironmentSettings environment) =>
        settings => settings with { Environments = [.. settings.Environments, environment] };

    /// <summary>Every environment on AWS, DigitalOcean and on-premises: GCP's 24-character cluster and 30-character identity names are the tightest.</summary>
    private static Func<DeploymentSettings, DeploymentSettings> OffGcp(Func<DeploymentSettings, DeploymentSettings> change) =>
        settings => change(settings with { Environments = [.. settings.Environments.Select(e => e with { Clouds = [Cloud.Aws, Cloud.DigitalOcean, Cloud.OnPrem] })] });

    private static Func<DeploymentSettings, DeploymentSettings> Accounts(Func<CloudAccounts, CloudAccounts> change) =>
        settings => settings with { Accounts = change(settings.Accounts) };

    private static Func<DeploymentSettings, DeploymentSettings> DigitalOcean(Func<DigitalOceanSettings, DigitalOceanSettings> change) =>
        Accounts(a => a with { DigitalOcean = change(a.DigitalOcean) });

    private static Func<DeploymentSettings, DeploymentSettings> OnPrem(Func<OnPremSettings, OnPremSettings> change) =>
        Accounts(a => a with { OnPrem = change(a.OnPrem) });

    private static Func<DeploymentSettings, DeploymentSettings> Egress(params (string Service, IReadOnlyList<int> Ports)[] entries) =>
        settings => settings with { ExternalEgress = entries.ToDictionary(e => e.Service, e => e.Ports) };

    private static Func<EnvironmentSettings, EnvironmentSettings> Resources(Func<ResourceSettings, ResourceSettings> change) =>
        environment => environment with { Resources = change(environment.Resources) };

    private static Func<EnvironmentSettings, EnvironmentSettings> Autoscaling(Func<AutoscalingSettings, AutoscalingSettings> change) =>
        environment => environment with { Autoscaling = change(environment.Autoscaling) };

    private static Func<EnvironmentSettings, EnvironmentSettings> ManagedStores(Func<ManagedStoreSettings, ManagedStoreSettings> change) =>
        environment => environment with { ManagedStores = change(environment.ManagedStores) };

    private static Func<EnvironmentSettings, EnvironmentSettings> NodePools(Func<NodePoolSettings, NodePoolSettings> change) =>
        environment => environment with { NodePools = change(environment.NodePools) };

    private static Func<EnvironmentSettings, EnvironmentSettings> Infrastructure(Func<InfrastructureSettings, InfrastructureSettings> change) =>
        environment => environment with { Infrastructure = change(environment.Infrastructure) };

    private static Func<EnvironmentSettings, EnvironmentSettings> Services(params (string Service, ServiceOverrides Overrides)[] services) =>
        environment => environment with { Services = services.ToDictionary(s => s.Service, s => s.Overrides) };

    private static Func<EnvironmentSettings, EnvironmentSettings> Parameters(params (string Name, string Value)[] parameters) =>
        environment => environment with { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value) };

    private static Func<EnvironmentSettings, EnvironmentSettings> Networks(params (Cloud Cloud, string Range)[] networks) =>
        environment => environment with { Networks = networks.ToDictionary(n => n.Cloud, n => n.Range) };

    private static SettingsScope Overrides(params (string Resource, ResourceOverrides Overrides)[] declared) =>
        AppHostScope with { ResourceOverrides = declared.ToDictionary(d => d.Resource, d => d.Overrides) };

    private static ResourceOverrides ForAllEnvironments(ServiceOverrides overrides) => new(overrides, new Dictionary<string, ServiceOverrides>());

    private static ResourceOverrides ForEnvironments(params (string Environment, ServiceOverrides Overrides)[] overrides) =>
        new(new ServiceOverrides(), overrides.ToDictionary(o => o.Environment, o => o.Overrides));

    /// <summary>A change the validator refuses: the setting it names, fragments of its problem and fix.</summary>
    private sealed record Refusal(Func<DeploymentSettings, DeploymentSettings> Change, string Setting, string Problem, string Fix)
    {
        /// <summary>Every setting reported, in order, where the change cannot break one rule alone; null for <see cref="Setting"/> alone.</summary>
        public IReadOnlyList<string>? Settings { get; init; }

        public SettingsScope Scope { get; init; } = AppHostScope;
    }

    /// <summary>A change the validator accepts.</summary>
    private sealed record Acceptance(Func<DeploymentSettings, DeploymentSettings> Change)
    {
        public SettingsScope Scope { get; init; } = AppHostScope;
    }
}
