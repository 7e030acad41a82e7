using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiNow.Inference.Chat;
using AiNow.Inference.Tests.Support;
using Microsoft.Extensions.Options;

namespace AiNow.Inference.Tests.Apis;

[Collection(SharedInferenceApp.Name)]
public sealed class ChatCompletionsApiTests(InferenceAppFixture app)
{
    private const string ValidRequest = """{"messages": [{"role": "user", "content": "Hello"}]}""";
    private const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","choices":[]}""";
    private static readonly Uri ChatCompletions = new("/v1/chat/completions", UriKind.Relative);

    [Fact]
    public async Task Post_NoUpstreamConfigured_Answers503NamingNoInternalSetting()
    {
        using var response = await PostJsonAsync(app.Client, ValidRequest);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, UpstreamFailureProblems.UnavailableDetail);
    }

    [Theory]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "'messages' is required")]
    [InlineData("{\"messages\": null}", "'messages' is required")]
    [InlineData("{\"messages\": []}", "at least one message")]
    [InlineData("{\"messages\": \"Hello\"}", "'messages' must be an array")]
    [InlineData("{\"messages\": [\"Hello\"]}", "'messages[0]' must be an object")]
    [InlineData("{\"model\": 4, \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}", "'model' must be a string")]
    [InlineData("{\"messages\": [{\"content\": \"Hi\"}]}", "'messages[0].role' is required")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 4097}", "'max_tokens' is 4097, above the limit of 4096")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"n\": 5}", "'n' is 5, above the limit of 4")]
    public async Task Post_BadBody_Answers400ProblemSayingWhatIsWrong(string body, string detail)
    {
        using var response = await PostJsonAsync(app.Client, body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Post_NotJson_Answers415Problem()
    {
        using var content = new StringContent(ValidRequest, Encoding.UTF8, "text/plain");

        using var response = await app.Client.PostAsync(ChatCompletions, content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json");
    }

    [Fact]
    public async Task Post_UpstreamConfigured_ReturnsUpstreamAnswerAndUsesDefaultModel()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        await using var configured = await InferenceApp.StartAsync(Upstream("default-model"), upstream);

        using var response = await PostJsonAsync(configured.Client, ValidRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Completion, await response.Content.ReadAsStringAsync());
        var call = Assert.Single(upstream.Calls);
        Assert.Equal(new Uri("https://llm.example/v1/chat/completions"), call.Uri);
        Assert.Equal("Bearer secret-key", call.Authorization);
        Assert.Equal("default-model", (string?)JsonNode.Parse(call.Body!)!["model"]);
    }

    [Fact]
    public async Task Post_UpstreamFails_Answers502WithoutItsBodyAndWithoutRetrying()
    {
        const string error = """{"error":{"message":"overloaded in region eu-internal-7"}}""";
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.ServiceUnavailable, error);
        await using var configured = await InferenceApp.StartAsync(Upstream(), upstream);

        using var response = await PostJsonAsync(configured.Client, ValidRequest);

        // A retried completion would be generated and billed twice, so exactly one upstream call.
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, UpstreamFailureProblems.FailedDetail);
        Assert.DoesNotContain("eu-internal-7", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(upstream.Calls);
    }

    [Fact]
    public async Task Post_UpstreamUnreachable_Answers502Problem()
    {
        var upstream = FakeUpstreamHandler.Throwing(new HttpRequestException("Connection refused"));
        await using var configured = await InferenceApp.StartAsync(Upstream(), upstream);

        using var response = await PostJsonAsync(configured.Client, ValidRequest);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadGateway, UpstreamFailureProblems.FailedDetail);
    }

    [Fact]
    public async Task Post_ConfiguredChatLimits_AreTheOnesApplied()
    {
        var upstream = FakeUpstreamHandler.Answering(HttpStatusCode.OK, Completion);
        var settings = new Dictionary<string, string?>(Upstream()) { ["Inference:Chat:MaxChoices"] = "1" };
        await using var configured = await InferenceApp.StartAsync(settings, upstream);

        using var response = await PostJsonAsync(configured.Client, """{"messages": [{"role": "user", "content": "Hi"}], "n": 2}""");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "'n' is 2, above the limit of 1 choices per request");
        Assert.Empty(upstream.Calls);
    }

    [Fact]
    public async Task Start_ChatLimitOutOfRange_FailsNamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Inference:Chat:MaxTokens"] = "0" };

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => InferenceApp.StartAsync(settings));

        Assert.Contains("Inference:Chat:MaxTokens must be between 1 and 1000000 (it is 0)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UpstreamTooSlow_Answers504Problem()
    {
        var settings = new Dictionary<string, string?>(Upstream()) { ["Inference:Upstream:Timeout"] = "00:00:00.300" };
        await using var configured = await InferenceApp.StartAsync(settings, FakeUpstreamHandler.NeverAnswering());

        using var response = await PostJsonAsync(configured.Client, ValidRequest);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.GatewayTimeout, "did not answer within 0.3 s");
    }

    private static Dictionary<string, string?> Upstream(string? model = null) => new()
    {
        ["Inference:Upstream:Endpoint"] = "https://llm.example/v1",
        ["Inference:Upstream:ApiKey"] = "secret-key",
        ["Inference:Upstream:Model"] = model,
    };

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(ChatCompletions, content);
    }
}
