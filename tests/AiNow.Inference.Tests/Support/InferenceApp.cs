using AiNow.Contracts;
using AiNow.Inference.Chat;
using AiNow.Inference.Extensions;
using AiNow.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Inference.Tests.Support;

/// <summary>
/// The inference service composed as Program.cs composes it, on a real Kestrel port, with an
/// optional fake upstream LLM behind the chat forwarder.
/// </summary>
public sealed class InferenceApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>The key the service is started with; <see cref="Client"/> signs its calls with it as api and worker do.</summary>
    public const string SigningKey = "signing-key-for-tests-0123456789";

    private InferenceApp(WebApplication app, Uri address)
    {
        _app = app;
        var signer = new PrincipalSigner(SigningKey, TimeProvider.System);
        Client = new HttpClient(new PrincipalSigningHandler(signer, Principal.Service) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        UnsignedClient = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A client signing every call as the platform's services do.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that signs nothing, as any other pod on the network would call.</summary>
    public HttpClient UnsignedClient { get; }

    public static async Task<InferenceApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        FakeUpstreamHandler? upstream = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Inference:SigningKey"] = SigningKey,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        if (upstream is not null)
        {
            builder.Services.AddHttpClient<ChatCompletionForwarder>().ConfigurePrimaryHttpMessageHandler(() => upstream);
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseInferencePipeline();

        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(startup.Token);
        return new InferenceApp(app, new Uri(app.Urls.First()));
    }

    /// <summary>Waits (bounded) until readiness reports the model loaded.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await Client.GetAsync(new Uri(HealthEndpoints.ReadinessPath, UriKind.Relative), timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        UnsignedClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One running service without an upstream LLM, shared by the HTTP-level tests.</summary>
public sealed class InferenceAppFixture : IAsyncLifetime
{
    private InferenceApp? _app;

    public HttpClient Client => (_app ?? throw new InvalidOperationException("Not started.")).Client;

    public HttpClient UnsignedClient => (_app ?? throw new InvalidOperationException("Not started.")).UnsignedClient;

    public async Task InitializeAsync()
    {
        _app = await InferenceApp.StartAsync();
        await _app.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedInferenceApp : ICollectionFixture<InferenceAppFixture>
{
    public const string Name = "inference app";
}
