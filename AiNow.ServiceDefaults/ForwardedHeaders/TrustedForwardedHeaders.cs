using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiNow.ServiceDefaults.ForwardedHeaders;

/// <summary>
/// Applies X-Forwarded-For and X-Forwarded-Proto from the proxies in <c>ForwardedHeaders:TrustedNetworks</c>
/// only, first in every web service's pipeline, so that the client address and scheme everything after it
/// sees (logs, rate limits, redirects) are the real ones and cannot be forged by any other peer.
/// </summary>
public static class TrustedForwardedHeaders
{
    /// <summary>
    /// Registers the start-up filter that reads <see cref="TrustedProxySettings"/> when the pipeline is built
    /// (so a malformed setting stops the service at start-up) and adds the middleware when networks are set.
    /// </summary>
    public static IServiceCollection AddTrustedForwardedHeaders(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, TrustedForwardedHeadersStartupFilter>());
        return services;
    }

    private sealed class TrustedForwardedHeadersStartupFilter(IConfiguration configuration) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            if (TrustedProxySettings.Read(configuration) is not { } settings)
            {
                return next;
            }

            var options = settings.ToOptions();
            return app =>
            {
                app.UseForwardedHeaders(options);
                next(app);
            };
        }
    }
}
