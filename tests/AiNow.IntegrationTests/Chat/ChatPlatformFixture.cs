using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace AiNow.IntegrationTests.Chat;

/// <summary>
/// A platform of its own whose inference forwards chat completions to a <see cref="ChatUpstreamStub"/>; the shared
/// platform has no upstream, so it can only show chat's "unavailable" answer.
/// </summary>
public sealed class ChatPlatformFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"ainow-chat-it-{Guid.NewGuid():N}");
    private readonly string _adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private DistributedApplication? _app;

    /// <summary>The model provider the platform's inference asks.</summary>
    public ChatUpstreamStub Upstream { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Startup);
        Upstream = await ChatUpstreamStub.StartAsync(timeout.Token);
        var inference = new Dictionary<string, string> { ["Inference__Upstream__Endpoint"] = Upstream.Endpoint.ToString() };
        _app = await PlatformLauncher.StartAsync(_dataDirectory, _adminKey,
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["inference"] = inference }, timeout.Token);
    }

    /// <summary>A gateway client carrying the key of a new tenant, so its usage starts at nothing.</summary>
    public async Task<HttpClient> CreateTenantClientAsync()
    {
        using var admin = CreateGatewayClient(_adminKey);
        using var created = await admin.PostAsJsonAsync("/admin/tenants", new { name = $"chat-{Guid.NewGuid():N}"[..20], rateLimitPerMinute = 1000 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var issued = await admin.PostAsync($"/admin/tenants/{id}/keys", content: null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return CreateGatewayClient((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TestTimeouts.ResourceTransition);
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server may still be flushing as it exits; the folder is in the temp area anyway.
        }
    }

    private HttpClient CreateGatewayClient(string bearer)
    {
        var client = _app!.CreateHttpClient("gateway", "http");
        client.Timeout = TestTimeouts.Request;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }
}

/// <summary>The tests that need a model provider behind the platform share one such platform.</summary>
/// <remarks>
/// Run on their own, after the shared platform's tests: two platforms starting at once on a two-core machine
/// stalled the first requests for over 30 s, past the principal signature's window (the api then refuses them).
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChatPlatformTests : ICollectionFixture<ChatPlatformFixture>
{
    public const string Name = "chat platform";
}
