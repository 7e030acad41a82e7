using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>Reads a YAML stream into JSON objects (scalars stay strings), for assertions on generated files.</summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Reader = new DeserializerBuilder().Build();

    public static IReadOnlyList<JsonObject> Parse(string text)
    {
        var documents = new List<JsonObject>();
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
        {
            var value = Reader.Deserialize(parser);
            if (value is not null)
            {
                documents.Add((JsonObject)ToNode(value)!);
            }
        }

        return documents;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        IDictionary<object, object> map => new JsonObject(map.Select(p => KeyValuePair.Create((string)p.Key, ToNode(p.Value)))),
        IList<object> list => new JsonArray([.. list.Select(ToNode)]),
        _ => JsonValue.Create(value.ToString()),
    };
}
