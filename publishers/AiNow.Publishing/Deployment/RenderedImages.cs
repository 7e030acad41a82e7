using YamlDotNet.RepresentationModel;

namespace AiNow.Publishing.Deployment;

/// <summary>The images a rendered YAML stream makes pods pull: every <c>image</c> of a container.</summary>
internal static class RenderedImages
{
    /// <summary>Every container image in <paramref name="yaml"/> (Deployments, Jobs, StatefulSets, Rollouts), distinct, in order.</summary>
    public static IReadOnlyList<string> Of(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var images = new List<string>();
        foreach (var document in stream.Documents)
        {
            Collect(document.RootNode, images);
        }

        return images.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect(YamlNode node, List<string> images)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "containers" or "initContainers" } && value is YamlSequenceNode containers)
                    {
                        images.AddRange(containers.Children.OfType<YamlMappingNode>()
                            .Select(c => c.Children.TryGetValue(new YamlScalarNode("image"), out var image) ? (image as YamlScalarNode)?.Value : null)
                            .OfType<string>());
                    }

                    Collect(value, images);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Collect(child, images);
                }

                break;
        }
    }
}
