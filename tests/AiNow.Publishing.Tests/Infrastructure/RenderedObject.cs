using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>One object of a rendered overlay: its identity, its YAML and a JSON view for navigation.</summary>
internal sealed record RenderedObject(string ApiVersion, string Kind, string Name, string Yaml, JsonNode Json)
{
    private static readonly IDeserializer Yaml2Object = new DeserializerBuilder().Build();

    /// <summary>True for kinds built into Kubernetes (KubernetesClient has typed models for them).</summary>
    public bool IsBuiltIn => !ApiVersion.Contains('.', StringComparison.Ordinal) || ApiVersion.Contains(".k8s.io/", StringComparison.Ordinal);

    /// <summary>The object as a typed KubernetesClient model, loaded strictly.</summary>
    public T As<T>() => KubernetesYaml.Deserialize<T>(Yaml, strict: true);

    /// <summary>The pod template of a Deployment, StatefulSet or Job; null for other kinds.</summary>
    public V1PodSpec? PodSpec() => Kind switch
    {
        "Deployment" => As<V1Deployment>().Spec.Template.Spec,
        "StatefulSet" => As<V1StatefulSet>().Spec.Template.Spec,
        "Job" => As<V1Job>().Spec.Template.Spec,
        _ => null,
    };

    /// <summary>The secret-store entries an ExternalSecret fetches.</summary>
    public IEnumerable<string> RemoteKeys() => Json["spec"]!["data"]!.AsArray().Select(d => (string)d!["remoteRef"]!["key"]!);

    /// <summary>Splits <c>kubectl kustomize</c> output into objects.</summary>
    public static IReadOnlyList<RenderedObject> Parse(string stream)
    {
        var objects = new List<RenderedObject>();
        foreach (var document in stream.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var yaml = document.EndsWith('\n') ? document : document + "\n";
            var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Yaml2Object.Deserialize<object>(yaml)))!;
            objects.Add(new RenderedObject(
                (string)json["apiVersion"]!,
                (string)json["kind"]!,
                (string)json["metadata"]!["name"]!,
                yaml,
                json));
        }

        return objects;
    }
}
