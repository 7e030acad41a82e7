using Microsoft.Extensions.Configuration;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>
/// The configuration a workload's container really sees in a rendered overlay: its ConfigMaps, its
/// plain variables and its Secret keys rendered from the ExternalSecret templates with the given
/// secret-store values, as .NET configuration (<c>Api__SigningKey</c> becomes <c>Api:SigningKey</c>).
/// </summary>
internal static class PodConfiguration
{
    public static IConfiguration For(RenderedOverlay overlay, string workload, Func<string, string> secretValue)
    {
        var pod = overlay.Objects.Single(o => o.Name == workload && o.Kind is "Deployment" or "Job").PodSpec()!;
        var container = pod.Containers.Single(c => c.Name == workload);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in container.EnvFrom ?? [])
        {
            var data = overlay.Single("ConfigMap", source.ConfigMapRef.Name).Json["data"]!.AsObject();
            foreach (var (key, value) in data)
            {
                values[key] = (string?)value;
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom?.SecretKeyRef is { } reference)
            {
                var externalSecret = overlay.OfKind("ExternalSecret").Single(e => (string?)e.Json["spec"]!["target"]!["name"] == reference.Name);
                var fetched = externalSecret.Json["spec"]!["data"]!.AsArray().ToDictionary(d => (string)d!["secretKey"]!, d => (string)d!["remoteRef"]!["key"]!);
                var template = (string)externalSecret.Json["spec"]!["target"]!["template"]!["data"]![reference.Key]!;
                values[variable.Name] = SecretTemplate.Render(template, key => secretValue(fetched[key]));
            }
            else if (variable.Value is not null)
            {
                values[variable.Name] = variable.Value;
            }
        }

        return new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();
    }
}
