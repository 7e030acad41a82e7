using System.Text.Json.Nodes;

namespace AiNow.Publishing.Tests.Monitoring;

/// <summary>
/// Checks one collector configuration against <see cref="CollectorSchema"/>: every section is one the
/// collector reads, every component id parses and has a type in the extract, and every key path of every
/// component and of <c>service</c> is a field of that type, with a value of the shape the field takes.
/// </summary>
internal static class CollectorSchemaCheck
{
    /// <summary>The problems of <paramref name="config"/> (read from <paramref name="file"/>), each naming the component, the key and the extract; empty when it fits.</summary>
    public static IReadOnlyList<string> Problems(string file, JsonObject config, CollectorSchema schema)
    {
        var problems = new List<string>();
        foreach (var (section, _) in config.Where(p => !schema.TopLevel.Contains(p.Key)))
        {
            problems.Add($"{file}: top-level section '{section}' is not one the collector {schema.Collector} reads ({string.Join(", ", schema.TopLevel)}; {schema.File}).");
        }

        foreach (var kind in CollectorSchema.Kinds.Where(kind => config[kind] is JsonObject))
        {
            foreach (var (id, settings) in config[kind]!.AsObject())
            {
                var type = id.Split('/')[0];
                if (CollectorSchemaShapes.ComponentIdProblem(id, schema) is { } idProblem)
                {
                    problems.Add($"{file}: {kind} '{id}': not a component id: {idProblem} ({schema.File}).");
                }
                else if (schema.Component(kind, type) is not { } component)
                {
                    problems.Add($"{file}: {kind} '{id}': type '{type}' is not in {schema.File}; read its config struct at collector {schema.Collector} and add its keys with their source.");
                }
                else
                {
                    problems.AddRange(KeyProblems($"{file}: {kind} '{id}' (type {type})", settings, component, schema));
                }
            }
        }

        if (config["service"] is { } service)
        {
            problems.AddRange(KeyProblems($"{file}: service", service, schema.Service, schema));
            foreach (var (pipeline, _) in service["pipelines"] as JsonObject ?? [])
            {
                if (!schema.PipelineSignals.Contains(pipeline.Split('/')[0]))
                {
                    problems.Add($"{file}: service pipeline '{pipeline}' does not start with a signal the collector {schema.Collector} runs ({string.Join(", ", schema.PipelineSignals)}; {schema.File}).");
                }
            }
        }

        return problems;
    }

    /// <summary>The path segment standing for every item of a list of maps.</summary>
    public const string ListItem = "[]";

    /// <summary>Every key path below <paramref name="node"/> that ends in a value: a scalar, a list of scalars, or an empty map.</summary>
    public static IEnumerable<(IReadOnlyList<string> Path, JsonNode? Value)> KeyPaths(JsonNode? node) => KeyPaths(node, []);

    private static IEnumerable<string> KeyProblems(string where, JsonNode? settings, CollectorComponentSchema component, CollectorSchema schema)
    {
        foreach (var (path, value) in KeyPaths(settings))
        {
            // A key holding a dot (a nesting written flat) is bracketed, so it reads apart from real nesting.
            var dotted = string.Join('.', path.Select(key => key.Contains('.', StringComparison.Ordinal) ? $"[{key}]" : key));
            if (component.Find(path) is { } key)
            {
                if (key.Shape is not null && CollectorSchemaShapes.Problem(key.Shape, value, schema) is { } shapeProblem)
                {
                    yield return $"{where}: '{dotted}' = {value?.ToJsonString() ?? "null"} {shapeProblem} (read from {key.Source}).";
                }
            }
            else if (!(value is JsonObject { Count: 0 } && component.Keys.Any(k => k.IsBelow(path))))
            {
                var siblings = component.Siblings(path).ToList();
                var known = siblings.Count == 0 ? "no section of that name" : $"keys at that level: {string.Join(", ", siblings)}";
                yield return $"{where}: key '{dotted}' is not a field of {component.Type} at collector {schema.Collector} ({known}; {schema.File}, read from {component.Source}).";
            }
        }
    }

    private static IEnumerable<(IReadOnlyList<string> Path, JsonNode? Value)> KeyPaths(JsonNode? node, IReadOnlyList<string> path)
    {
        if (node is JsonObject { Count: > 0 } map)
        {
            foreach (var (key, child) in map)
            {
                foreach (var leaf in KeyPaths(child, [.. path, key]))
                {
                    yield return leaf;
                }
            }
        }
        else if (node is JsonArray { Count: > 0 } items && items.All(item => item is JsonObject))
        {
            // A list of maps (service.telemetry.metrics.readers): each item's keys under '[]'.
            foreach (var leaf in items.SelectMany(item => KeyPaths(item, [.. path, ListItem])))
            {
                yield return leaf;
            }
        }
        else if (path.Count > 0)
        {
            yield return (path, node);
        }
    }
}
