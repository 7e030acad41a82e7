using System.Net;
using AiNow.Publishing.Model;
using AiNow.Publishing.Model.Clouds;

namespace AiNow.Publishing.Settings;

/// <summary>
/// What the settings say about one cloud target: its profile (on-premises takes the site's store
/// ports), region, private range and account. The validator and the planner both ask here.
/// </summary>
public static class CloudTargets
{
    /// <summary>The profile of <paramref name="cloud"/> under <paramref name="settings"/> (on-premises takes the site's store ports).</summary>
    public static CloudProfile Profile(Cloud cloud, DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var site = settings.Accounts.OnPrem;
        return cloud switch
        {
            Cloud.Aws => new AwsProfile(),
            Cloud.Gcp => new GcpProfile(),
            Cloud.DigitalOcean => new DigitalOceanProfile(),
            Cloud.OnPrem => new OnPremProfile(
                new StoreEndpointProfile(site.PostgresPort, site.StoresUseTls, "the site's PostgreSQL"),
                new StoreEndpointProfile(site.RedisPort, site.StoresUseTls, "the site's Redis")),
            _ => throw new ArgumentOutOfRangeException(nameof(cloud), cloud, "Unknown cloud."),
        };
    }

    /// <summary>The region of <paramref name="cloud"/>: the environment's, or the profile's default.</summary>
    public static string Region(EnvironmentSettings environment, Cloud cloud, CloudProfile profile) =>
        environment.Regions.TryGetValue(cloud, out var region) ? region : profile.DefaultRegion;

    /// <summary>
    /// The private range of each target: explicit in <c>Networks</c>, otherwise the n-th block after
    /// <c>VpcCidr</c> for the n-th cloud in the order of <see cref="Cloud"/> (so adding a cloud never
    /// moves another's range).
    /// </summary>
    public static string Network(EnvironmentSettings environment, Cloud cloud)
    {
        if (environment.Networks.TryGetValue(cloud, out var explicitRange))
        {
            return explicitRange;
        }

        var baseRange = IPNetwork.Parse(environment.VpcCidr);
        var bytes = baseRange.BaseAddress.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        value += (uint)cloud << (32 - baseRange.PrefixLength);
        return $"{value >> 24}.{(value >> 16) & 0xff}.{(value >> 8) & 0xff}.{value & 0xff}/{baseRange.PrefixLength}";
    }

    /// <summary>The account identifiers of <paramref name="cloud"/> from the settings.</summary>
    public static CloudAccount Account(CloudAccounts accounts, Cloud cloud) => cloud switch
    {
        Cloud.Aws => new CloudAccount(accounts.Aws.AccountId, accounts.Aws.StorageClass, null),
        Cloud.Gcp => new CloudAccount(accounts.Gcp.ProjectId, accounts.Gcp.StorageClass, null),
        Cloud.DigitalOcean => new CloudAccount(accounts.DigitalOcean.RegistryName, accounts.DigitalOcean.StorageClass, accounts.DigitalOcean.VaultAddress, accounts.DigitalOcean.VaultCaBundle),
        _ => new CloudAccount(accounts.OnPrem.Registry, accounts.OnPrem.StorageClass ?? "", accounts.OnPrem.VaultAddress, accounts.OnPrem.VaultCaBundle),
    };
}
