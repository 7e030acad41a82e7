using AiNow.AppHost;
using AiNow.Publishing.Model;
using AiNow.Publishing.Tests.Infrastructure;
using k8s.Models;

namespace AiNow.Publishing.Tests;

/// <summary>
/// Every Redis the manifests deploy evicts only keys with an expiry (the caches), so the gateway's rate-limit
/// counters, which have none, survive memory pressure; the in-cluster one also has a memory budget under its pod limit.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class CacheMemoryPolicyTests(PublishedManifests published)
{
    public static TheoryData<string> Overlays => PublishedManifests.OverlayNames();

    [Theory]
    [MemberData(nameof(Overlays))]
    public void InClusterRedis_StartsWithTheMemoryBudget_AndVolatileEviction_UnderItsMemoryLimit(string name)
    {
        var overlay = published.Overlay(name);
        if (overlay.Target.Stores != StoreMode.InCluster)
        {
            Assert.DoesNotContain(overlay.OfKind("StatefulSet"), s => s.Name == "redis");
            return;
        }

        var container = Assert.Single(overlay.Single("StatefulSet", "redis").As<V1StatefulSet>().Spec.Template.Spec.Containers);
        var commandLine = Assert.Single(container.Args, a => a.StartsWith("redis-server", StringComparison.Ordinal)).Split(' ');

        Assert.Equal(CacheMemoryPolicy.MaxMemory, ValueOf(commandLine, "--maxmemory"));
        Assert.Equal("volatile-lru", ValueOf(commandLine, "--maxmemory-policy"));
        // The keys without an expiry (counters, the usage outbox) survive a restart: the append-only log is written to
        // Redis's working directory (/data in the image), which must be the claimed volume, not the container's layer.
        Assert.Equal("yes", ValueOf(commandLine, "--appendonly"));
        var statefulSet = overlay.Single("StatefulSet", "redis").As<V1StatefulSet>();
        var data = Assert.Single(container.VolumeMounts, m => m.MountPath == "/data");
        Assert.Contains(statefulSet.Spec.VolumeClaimTemplates, claim => claim.Metadata.Name == data.Name);
        // Redis must evict before the kernel kills the pod for exceeding its limit.
        Assert.True(RedisBytes(CacheMemoryPolicy.MaxMemory) <= container.Resources.Limits["memory"].ToInt64() * 3 / 4,
            $"--maxmemory {CacheMemoryPolicy.MaxMemory} leaves too little of the pod's {container.Resources.Limits["memory"]} limit for Redis's own overhead.");
    }

    [Fact]
    public async Task EveryManagedCache_EvictsOnlyKeysWithAnExpiry()
    {
        var tree = await published.TerraformTreeAsync();

        var parameterGroup = Single(tree, "modules/aws/foundation", "aws_elasticache_parameter_group");
        var parameter = Assert.Single(parameterGroup.Body["parameter"]!.AsArray(), p => (string?)p!["name"] == "maxmemory-policy")!;
        Assert.Equal("volatile-lru", (string?)parameter["value"]);
        var replicationGroup = Single(tree, "modules/aws/foundation", "aws_elasticache_replication_group");
        Assert.Contains($"aws_elasticache_parameter_group.{parameterGroup.Name}[0].name", (string?)replicationGroup.Body["parameter_group_name"], StringComparison.Ordinal);

        var memorystore = Single(tree, "modules/gcp/foundation", "google_redis_instance");
        Assert.Equal("volatile-lru", (string?)memorystore.Body["redis_configs"]!["maxmemory-policy"]);

        var valkey = Assert.Single(tree.Resources("modules/digitalocean/foundation"), r => r.Type == "digitalocean_database_cluster" && r.Name == "valkey");
        Assert.Equal("volatile_lru", (string?)valkey.Body["eviction_policy"]);
    }

    private static string? ValueOf(string[] commandLine, string flag)
    {
        var index = Array.IndexOf(commandLine, flag);
        return index >= 0 && index + 1 < commandLine.Length ? commandLine[index + 1] : null;
    }

    /// <summary>Bytes of a Redis memory size (<c>512mb</c>; Redis's units are binary).</summary>
    private static long RedisBytes(string size)
    {
        var units = new (string Suffix, long Factor)[] { ("gb", 1L << 30), ("mb", 1L << 20), ("kb", 1L << 10) };
        var (suffix, factor) = units.Single(u => size.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase));
        return long.Parse(size[..^suffix.Length], System.Globalization.CultureInfo.InvariantCulture) * factor;
    }

    private static (string Name, System.Text.Json.Nodes.JsonObject Body) Single(TerraformTree tree, string module, string type)
    {
        var resource = Assert.Single(tree.Resources(module), r => r.Type == type);
        return (resource.Name, resource.Body);
    }
}
