using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiNow.Contracts;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>A generated JSON body and whether the api must accept it (else it answers 400).</summary>
internal sealed record FuzzBody(byte[] Bytes, bool Valid, string Variant);

/// <summary>
/// JSON bodies for the public endpoints, valid ones and every way of breaking one. Whether a body is valid is
/// decided here from the API's documented rules, so each case knows its answer before it is sent.
/// </summary>
internal static class FuzzBodies
{
    /// <summary>The deepest nesting a request body may have (the services' JSON reader limit).</summary>
    public const int MaxJsonDepth = 64;

    private static readonly JsonSerializerOptions s_escaped = new();
    private static readonly JsonSerializerOptions s_raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] s_notJsonNumbers = ["01", "+1", ".5", "1.", "-", "0x10", "1e", "--1"];
    private static readonly string[] s_badEscapes = ["\\x41", "\\u12", "\\uZZZZ", "\\", "\\'", "\\U0001F600"];
    private static readonly string[] s_nonObjectRoots = ["[]", "\"text\"", "42", "true", "null", "[{}]", "-0.0e-0"];
    private static readonly string[] s_rateLimitsOutOfRange = ["0", "-1", "100001", "1.5", "1e3", "2147483648", "-2147483649", "1E400"];

    private static readonly byte[][] s_invalidUtf8 =
    [
        [0xFF],
        [0xC0, 0xAF],
        [0xED, 0xA0, 0x80],
        [0xF4, 0x90, 0x80, 0x80],
        [0xE2, 0x82],
        [0x80],
        [0xFE, 0xFF],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    // Keys the random objects use: near the real field names but never one of them (names are matched exactly).
    private static readonly string[] s_decoyKeys = ["Input", "INPUT", "inputs", "message", "Messages", "Name", "text", "prompt", "data", "a", ""];
    private static readonly HashSet<string> s_fieldNames = new(["input", "messages", "name"], StringComparer.Ordinal);

    /// <summary>A valid body; tenant names carry the seed and case number, so every created tenant is new.</summary>
    public static JsonObject Valid(BodyKind kind, int seed, int index) => kind switch
    {
        BodyKind.Embeddings => new JsonObject { ["input"] = $"fuzz text {index}" },
        BodyKind.Chat => new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hello" }) },
        BodyKind.Batch => new JsonObject { ["input"] = new JsonArray($"fuzz batch {index}") },
        BodyKind.Tenant => new JsonObject { ["name"] = $"fuzz-{seed}-{index}", ["rateLimitPerMinute"] = 10 },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This endpoint reads no body."),
    };

    /// <summary>The body as UTF-8, its strings escaped or (as often) raw.</summary>
    public static byte[] Serialize(JsonNode node, Random random) =>
        Encoding.UTF8.GetBytes(node.ToJsonString(random.Next(2) == 0 ? s_escaped : s_raw));

    /// <summary>A valid body of <paramref name="kind"/> with <paramref name="hostile"/> put into one of its fields.</summary>
    public static FuzzBody WithHostile(BodyKind kind, string hostile, Random random, int seed, int index)
    {
        var body = Valid(kind, seed, index);
        var (variant, valid) = kind switch
        {
            BodyKind.Embeddings or BodyKind.Batch => HostileEmbeddingField(body, kind, hostile, random),
            BodyKind.Chat => HostileChatField(body, hostile, random),
            BodyKind.Tenant => HostileTenantField(body, hostile, random),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This endpoint reads no body."),
        };
        return new FuzzBody(Serialize(body, random), valid, variant);
    }

    /// <summary>
    /// A valid body of <paramref name="kind"/> with <paramref name="hostile"/> as its main text, the one that is
    /// embedded, stored or forwarded: the input of an embedding or a batch, a chat message's content, a tenant's name.
    /// </summary>
    public static FuzzBody WithHostileText(BodyKind kind, string hostile, Random random, int seed, int index)
    {
        var body = Valid(kind, seed, index);
        var (field, valid) = kind switch
        {
            BodyKind.Embeddings => (Set(body, "input", hostile), IsEmbeddable(hostile)),
            BodyKind.Batch => (Set(body, "input", new JsonArray(hostile)), IsEmbeddable(hostile)),
            BodyKind.Chat => (Set((JsonObject)body["messages"]![0]!, "content", hostile), true),
            BodyKind.Tenant => (Set(body, "name", hostile), IsTenantName(hostile)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This endpoint reads no body."),
        };
        return new FuzzBody(Serialize(body, random), valid, field);
    }

    /// <summary>What the tenant rules accept as a name: 1 to 100 letters, digits, spaces, '.', '_' or '-', no space at either end.</summary>
    public static bool IsTenantName(string name) =>
        name.Length is > 0 and <= 100 && name[0] != ' ' && name[^1] != ' '
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-');

    /// <summary>A body that is not JSON, or JSON the api's reader refuses (duplicates, lone surrogates, not an object).</summary>
    public static FuzzBody Malformed(BodyKind kind, Random random, int seed, int index)
    {
        var json = Valid(kind == BodyKind.None ? BodyKind.Embeddings : kind, seed, index).ToJsonString();
        var open = json[..^1];
        var (variant, text) = random.Next(15) switch
        {
            0 => ("truncated", json[..random.Next(1, json.Length)]),
            1 => ("trailing garbage", json + Pick(random, [",", "}", "x", "{}", "[]", "\"", "\0"])),
            2 => ("single quotes", json.Replace('"', '\'')),
            3 => ("trailing comma", open + ",}"),
            4 => ("comment", "/* note */" + json),
            5 => ("unquoted keys", System.Text.RegularExpressions.Regex.Replace(json, "\"(\\w+)\":", "$1:")),
            6 => ("NaN", open + ",\"n\": NaN}"),
            7 => ("raw control character", open + ",\"c\": \"a\u0001b\"}"),
            8 => ("bad escape", open + $",\"e\": \"{Pick(random, s_badEscapes)}\"}}"),
            9 => ("lone surrogate", open + ",\"s\": \"\\uD800\"}"),
            10 => ("duplicate properties", open + "," + json[1..]),
            11 => ("not an object", Pick(random, s_nonObjectRoots)),
            12 => ("empty", Pick(random, ["", " ", "\r\n\t "])),
            13 => ("not a JSON number", open + $",\"n\": {Pick(random, s_notJsonNumbers)}}}"),
            _ => ("two byte order marks", "\uFEFF\uFEFF" + json),
        };
        return new FuzzBody(Encoding.UTF8.GetBytes(text), Valid: false, variant);
    }

    /// <summary>A valid body with bytes that are not UTF-8 inside one of its strings, or before it.</summary>
    public static FuzzBody InvalidUtf8(BodyKind kind, Random random, int seed, int index)
    {
        var json = Encoding.UTF8.GetBytes(Valid(kind == BodyKind.None ? BodyKind.Embeddings : kind, seed, index).ToJsonString());
        var bad = s_invalidUtf8[random.Next(s_invalidUtf8.Length)];
        byte[] bytes = random.Next(3) switch
        {
            0 => [.. bad, .. json],
            1 => [.. json[..^1], .. ",\"u\":\""u8, .. bad, .. "\"}"u8],
            _ => [.. json[..^1], .. ",\""u8, .. bad, .. "\":1}"u8],
        };
        return new FuzzBody(bytes, Valid: false, $"invalid UTF-8 {Convert.ToHexString(bad)}");
    }

    /// <summary>
    /// A valid body with a value nested <paramref name="depth"/> levels deep: in the field the endpoint needs
    /// (never valid there) or in an extra field, valid while the whole body stays within <see cref="MaxJsonDepth"/>.
    /// </summary>
    public static FuzzBody Nested(BodyKind kind, int depth, Random random, int seed, int index)
    {
        var arrays = random.Next(2) == 0;
        var nested = arrays
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var json = Valid(kind, seed, index).ToJsonString();
        var inRequiredField = random.Next(3) == 0;
        var field = kind switch { BodyKind.Chat => "messages", BodyKind.Tenant => "name", _ => "input" };
        var text = inRequiredField
            ? $"{{\"{field}\":{nested}{(kind == BodyKind.Tenant ? ",\"rateLimitPerMinute\":10" : "")}}}"
            : json[..^1] + ",\"deep\":" + nested + "}";
        var valid = !inRequiredField && 1 + depth <= MaxJsonDepth;
        return new FuzzBody(Encoding.UTF8.GetBytes(text), valid, $"{depth} {(arrays ? "arrays" : "objects")} deep in '{(inRequiredField ? field : "deep")}'");
    }

    /// <summary>Random JSON without the field the endpoint needs: never valid.</summary>
    public static FuzzBody RandomJson(Random random)
    {
        var root = random.Next(4) == 0 ? RandomValue(random, depth: 3) : RandomObject(random, depth: 3);
        return new FuzzBody(Serialize(root ?? JsonValue.Create(0), random), Valid: false, "random JSON");
    }

    private static (string Variant, bool Valid) HostileEmbeddingField(JsonObject body, BodyKind kind, string hostile, Random random)
    {
        switch (random.Next(7))
        {
            case 0:
                body["input"] = hostile;
                return ("input", IsEmbeddable(hostile));
            case 1:
                body["input"] = new JsonArray("plain text", hostile, "more text");
                return ("input[1]", IsEmbeddable(hostile));
            case 2:
                body["model"] = hostile;
                return ("model", false);
            case 3:
                body["encoding_format"] = hostile;
                // Only the synchronous endpoint reads the output options; a batch ignores them.
                return ("encoding_format", kind == BodyKind.Batch);
            case 4:
                body["dimensions"] = hostile;
                return ("dimensions", kind == BodyKind.Batch);
            case 5:
                body["user"] = hostile;
                return ("user", true);
            default:
                body[hostile] = hostile;
                return ("an extra field's name and value", true);
        }
    }

    private static (string Variant, bool Valid) HostileChatField(JsonObject body, string hostile, Random random)
    {
        var message = (JsonObject)body["messages"]![0]!;
        var variant = random.Next(6) switch
        {
            0 => Set(message, "content", hostile),
            1 => Set(message, "role", hostile),
            2 => Set(body, "model", hostile),
            3 => Set(message, "name", hostile),
            4 => Set(message, "content", new JsonObject { [hostile] = hostile }),
            _ => Set(body, hostile, hostile),
        };
        // The api checks only the shape of 'messages' and that 'model' is a string; the rest is the upstream's to judge.
        return (variant, true);
    }

    private static (string Variant, bool Valid) HostileTenantField(JsonObject body, string hostile, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                body["name"] = Pick(random, HostileStrings.NotTenantNames);
                return ("name", false);
            case 1:
                body["rateLimitPerMinute"] = hostile;
                return ("rateLimitPerMinute as a string", false);
            case 2:
                body["rateLimitPerMinute"] = JsonNode.Parse(Pick(random, s_rateLimitsOutOfRange));
                return ($"rateLimitPerMinute {body["rateLimitPerMinute"]!.ToJsonString()}", false);
            default:
                body[hostile] = hostile;
                return ("an extra field's name and value", true);
        }
    }

    /// <summary>What the embedding rules accept as one text: not blank, not longer than the model's limit, no NUL.</summary>
    private static bool IsEmbeddable(string text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= EmbeddingModel.MaxInputLength && !text.Contains('\0', StringComparison.Ordinal);

    private static string Set(JsonObject target, string name, JsonNode? value)
    {
        target[name] = value;
        return name;
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var result = new JsonObject();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var key = random.Next(2) == 0 ? Pick(random, s_decoyKeys) : HostileStrings.Pick(random);
            if (!s_fieldNames.Contains(key) && !result.ContainsKey(key))
            {
                result[key] = RandomValue(random, depth - 1);
            }
        }

        return result;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => HostileStrings.Pick(random),
        1 => random.Next(int.MinValue, int.MaxValue),
        2 => random.NextDouble() * Math.Pow(10, random.Next(-10, 300)),
        3 => random.Next(2) == 0,
        4 => null,
        5 => "",
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth - 1))]),
        _ => RandomObject(random, depth - 1),
    };

    private static string Pick(Random random, IReadOnlyList<string> values) => values[random.Next(values.Count)];
}
