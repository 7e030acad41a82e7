using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiNow.ServiceDefaults.Http;

/// <summary>Registers the one JSON request body reader every service's endpoints share.</summary>
public static class JsonRequestBodies
{
    /// <summary>
    /// Adds <see cref="JsonRequestBodyReader"/>; configure its limit through the returned builder,
    /// e.g. from the service's own options with <c>Configure&lt;IOptions&lt;TOptions&gt;&gt;</c>.
    /// </summary>
    public static OptionsBuilder<JsonRequestBodyOptions> AddJsonRequestBodies(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<JsonRequestBodyReader>();
        return services.AddOptions<JsonRequestBodyOptions>()
            .Validate(options => options.MaxBytes > 0, "The largest JSON request body must be a positive number of bytes.");
    }
}
