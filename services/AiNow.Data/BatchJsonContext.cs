using System.Text.Json.Serialization;

namespace AiNow.Data;

/// <summary>The jsonb shapes of <c>batch_jobs.inputs</c> (an array of strings) and <c>batch_jobs.results</c> (an array of vectors).</summary>
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(float[][]))]
internal sealed partial class BatchJsonContext : JsonSerializerContext;
