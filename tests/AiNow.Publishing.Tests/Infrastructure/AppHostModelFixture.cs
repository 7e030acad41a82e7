namespace AiNow.Publishing.Tests.Infrastructure;

/// <summary>The real AppHost's app model in publish mode, built once per test class.</summary>
public sealed class AppHostModelFixture : IAsyncLifetime
{
    private AppHostModel? _appHost;

    internal AppHostModel AppHost => _appHost ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _appHost = await AppHostPublishing.BuildModelAsync();

    public async Task DisposeAsync()
    {
        if (_appHost is not null)
        {
            await _appHost.DisposeAsync();
        }
    }
}
