using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiNow.Contracts;
using AiNow.Contracts.Inference;
using AiNow.Inference.Embeddings;
using AiNow.Inference.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace AiNow.Inference.Tests.Apis;

[Collection(SharedInferenceApp.Name)]
public sealed class EmbeddingsApiTests(InferenceAppFixture app)
{
    private static readonly Uri Embeddings = new("/v1/embeddings", UriKind.Relative);

    [Fact]
    public async Task Post_ValidTexts_ReturnsOpenAiShapedUnitVectorsWithTokenUsage()
    {
        using var response = await app.Client.PostAsJsonAsync(Embeddings, new { input = new[] { "hello world", "tokenization" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        Assert.Equal(EmbeddingModel.Name, root.GetProperty("model").GetString());
        var data = root.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(2, data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            Assert.Equal("embedding", data[i].GetProperty("object").GetString());
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            var vector = data[i].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal(EmbeddingModel.Dimensions, vector.Length);
            Assert.Equal(1.0, VectorMath.Norm(vector), 4);
        }

        // "hello world" is [CLS] hello world [SEP]; "tokenization" is [CLS] token ##ization [SEP].
        Assert.Equal(8, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(8, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Theory]
    [InlineData("\"a single string\"", 1)]
    [InlineData("[\"one\", \"two\", \"three\"]", 3)]
    public async Task Post_StringOrArrayInput_ReturnsOneVectorPerText(string input, int expected)
    {
        using var response = await PostJsonAsync($$"""{"input": {{input}}, "model": "{{EmbeddingModel.Name}}", "encoding_format": "float"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<EmbeddingResponse>();
        Assert.Equal(expected, body!.Data.Count);
    }

    [Fact]
    public async Task Post_MoreTextsThanOneSyncRequestAllows_AcceptsBecauseWorkerChunksUseTheBatchLimit()
    {
        var texts = Enumerable.Range(0, EmbeddingModel.MaxInputsPerRequest + 1).Select(i => $"text {i}").ToArray();

        using var response = await app.Client.PostAsJsonAsync(Embeddings, new { input = texts });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("{\"input\": \"x\"", "is not valid JSON")]
    [InlineData("[\"x\"]", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("{}", "'input' is required")]
    [InlineData("{\"input\": null}", "'input' is required")]
    [InlineData("{\"input\": 5}", "'input' must be a string or an array of strings, not a number")]
    [InlineData("{\"input\": {\"text\": \"x\"}}", "not an object")]
    [InlineData("{\"input\": []}", "at least one text")]
    [InlineData("{\"input\": [\"\"]}", "'input[0]' is empty")]
    [InlineData("{\"input\": [\"ok\", \"   \"]}", "'input[1]' is empty")]
    [InlineData("{\"input\": [\"ok\", 3]}", "'input[1]' must be a string, not a number")]
    [InlineData("{\"input\": [[\"nested\"]]}", "'input[0]' must be a string, not an array")]
    [InlineData("{\"input\": \"x\", \"model\": \"text-embedding-3-small\"}", "Unknown model 'text-embedding-3-small'")]
    [InlineData("{\"input\": \"x\", \"model\": 5}", "'model' must be a string")]
    [InlineData("{\"input\": \"x\", \"encoding_format\": \"int8\"}", "Unsupported encoding_format 'int8'")]
    public async Task Post_BadBody_Answers400ProblemSayingWhatIsWrong(string body, string detail)
    {
        using var response = await PostJsonAsync(body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Post_EmptyBody_Answers400Problem()
    {
        using var response = await PostJsonAsync("");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "The request body is empty");
    }

    [Fact]
    public async Task Post_TooManyTexts_Answers400Problem()
    {
        var texts = Enumerable.Repeat("x", EmbeddingModel.MaxInputsPerBatch + 1).ToArray();

        using var response = await app.Client.PostAsJsonAsync(Embeddings, new { input = texts });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest,
            $"at most {EmbeddingModel.MaxInputsPerBatch} are accepted");
    }

    [Fact]
    public async Task Post_TextTooLong_Answers400Problem()
    {
        var text = new string('a', EmbeddingModel.MaxInputLength + 1);

        using var response = await app.Client.PostAsJsonAsync(Embeddings, new { input = new[] { "ok", text } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "'input[1]' has 8193 characters");
    }

    [Fact]
    public async Task Post_TextPastTheModelsWindow_Answers400ProblemNamingItForTheCallers()
    {
        // 600 words are 602 tokens with [CLS] and [SEP], in 3,599 characters: within the character cap, past the window.
        var text = string.Join(' ', Enumerable.Repeat("word", 600));

        using var response = await app.Client.PostAsJsonAsync(Embeddings, new { input = new[] { "ok", "fine", text } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, InputTooLong.Detail(2));
        Assert.Equal(2, InputTooLong.TryReadIndex(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Post_TextFillingTheModelsWindow_IsEmbeddedWhole()
    {
        // 510 words and [CLS] and [SEP]: exactly the window.
        var text = string.Join(' ', Enumerable.Repeat("word", TokenCounter.ModelWindow - 2));

        using var response = await app.Client.PostAsJsonAsync(Embeddings, new { input = text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(TokenCounter.ModelWindow, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Post_BodyOverServerLimit_Answers413Problem()
    {
        await using var small = await InferenceApp.StartAsync(configure: builder =>
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024));
        var text = new string('a', 4096);

        using var content = new StringContent($$"""{"input": "{{text}}"}""", Encoding.UTF8, "application/json");
        using var response = await small.Client.PostAsync(Embeddings, content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "too large");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_NotJson_Answers415Problem(string contentType)
    {
        using var content = new StringContent("""{"input": "x"}""", Encoding.UTF8, contentType);

        using var response = await app.Client.PostAsync(Embeddings, content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
    }

    [Fact]
    public async Task Get_WrongMethod_Answers405Problem()
    {
        using var response = await app.Client.GetAsync(Embeddings);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_AfterWarmUp_IsHealthy()
    {
        using var response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await app.Client.PostAsync(Embeddings, content);
    }
}
