using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using static AiNow.ServiceDefaults.Tests.Http.JsonRequests;

namespace AiNow.ServiceDefaults.Tests.Http;

public sealed partial class JsonRequestBodyReaderTypedTests
{
    private const string Example = """{"name": "acme", "count": 1}""";

    [Fact]
    public async Task ReadAsync_MatchingObject_ReturnsValueWithWebNamingAndBytesAsSent()
    {
        var sent = Encoding.UTF8.GetBytes("""{"Name": "acme", "count": 3, "raw_input": [1, 2]}""");

        var body = await Reader().ReadAsync(Post(sent), TestJson.Default.Sample, Example, CancellationToken.None);

        Assert.True(body.IsValid);
        Assert.Equal("acme", body.Value.Name);
        Assert.Equal(3, body.Value.Count);
        Assert.Equal(JsonValueKind.Array, body.Value.RawInput.ValueKind);
        Assert.Equal(sent, body.Bytes);
    }

    [Fact]
    public async Task ReadAsync_JsonObject_ReturnsTheObject()
    {
        var body = await Reader().ReadAsync(Post("""{"messages": [{"role": "user"}]}"""), TestJson.Default.JsonObject, Example, CancellationToken.None);

        Assert.Equal("user", (string?)body.Value["messages"]![0]!["role"]);
    }

    [Theory]
    [InlineData("{\"name\": 5}", "'name' must be a string.")]
    [InlineData("{\"name\": [\"a\"]}", "'name' must be a string.")]
    [InlineData("{\"count\": \"many\"}", "'count' has the wrong JSON type.")]
    [InlineData("{\"count\": true}", "'count' has the wrong JSON type.")]
    [InlineData("{\"nested\": {\"flag\": 1}}", "'nested.flag' has the wrong JSON type.")]
    public async Task ReadAsync_FieldOfTheWrongJsonType_Is400NamingTheField(string sent, string expected)
    {
        var body = await Reader().ReadAsync(Post(sent), TestJson.Default.Sample, example: null, CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(expected, detail);
    }

    [Theory]
    [InlineData("not json", "The body is not valid JSON")]
    [InlineData("[\"x\"]", "must be a JSON object")]
    [InlineData("{\"name\": 5}", "'name' must be a string.")]
    public async Task ReadAsync_WithExample_QuotesItInTheProblem(string sent, string expected)
    {
        var body = await Reader().ReadAsync(Post(sent), TestJson.Default.Sample, Example, CancellationToken.None);

        var detail = ProblemOf(body).Detail;
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.EndsWith($" Example: {Example}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnusableBody_KeepsTheReadersProblem()
    {
        var body = await Reader().ReadAsync(Post("{}", "text/plain"), TestJson.Default.Sample, Example, CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status);
        Assert.EndsWith($" Example: {Example}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_TooLarge_DoesNotQuoteTheExample()
    {
        var body = await Reader(maxBytes: 8).ReadAsync(Post(Example), TestJson.Default.Sample, Example, CancellationToken.None);

        var (status, detail) = ProblemOf(body);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Equal("The body is too large: it is larger than 8 bytes.", detail);
    }

    private sealed record Sample
    {
        public string? Name { get; init; }

        public int Count { get; init; }

        [JsonPropertyName("raw_input")]
        public JsonElement RawInput { get; init; }

        public Flags? Nested { get; init; }
    }

    private sealed record Flags(bool Flag);

    // The services read bodies through generated metadata only (they run trimmed), so the tests do too.
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(Sample))]
    [JsonSerializable(typeof(JsonObject))]
    private sealed partial class TestJson : JsonSerializerContext;
}
