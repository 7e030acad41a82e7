using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiNow.ServiceDefaults.Tests;

/// <summary>
/// Pins the variable deployments set so a pod drains requests as long as the api's longest (a 300 s chat):
/// the host reads <c>shutdownTimeoutSeconds</c> from its configuration, so <c>DOTNET_shutdownTimeoutSeconds</c> works
/// without any setting of our own.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class HostShutdownTimeoutTests
{
    [Theory]
    [InlineData("DOTNET_shutdownTimeoutSeconds")]
    [InlineData("DOTNET_SHUTDOWNTIMEOUTSECONDS")]
    public void WebService_ShutdownTimeoutVariable_SetsHostShutdownTimeout(string variable)
    {
        var timeout = ShutdownTimeoutWith(variable, "300", () => WebApplication.CreateBuilder().AddServiceDefaults().Build().Services);

        Assert.Equal(TimeSpan.FromSeconds(300), timeout);
    }

    [Fact]
    public void Migrator_ShutdownTimeoutVariable_SetsHostShutdownTimeout()
    {
        var timeout = ShutdownTimeoutWith("DOTNET_shutdownTimeoutSeconds", "300", () => Host.CreateApplicationBuilder().AddServiceDefaults().Build().Services);

        Assert.Equal(TimeSpan.FromSeconds(300), timeout);
    }

    [Fact]
    public void WebService_NoVariable_KeepsTheFrameworkDefault()
    {
        var timeout = ShutdownTimeoutWith("DOTNET_shutdownTimeoutSeconds", null, () => WebApplication.CreateBuilder().AddServiceDefaults().Build().Services);

        Assert.Equal(TimeSpan.FromSeconds(30), timeout);
    }

    private static TimeSpan ShutdownTimeoutWith(string variable, string? value, Func<IServiceProvider> build)
    {
        var before = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            var services = build();
            try
            {
                return services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
            }
            finally
            {
                (services as IDisposable)?.Dispose();
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }
}

/// <summary>Tests that change process environment variables run alone: every host builder reads them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process-environment";
}
