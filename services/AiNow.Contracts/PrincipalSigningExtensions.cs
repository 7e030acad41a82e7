using Microsoft.Extensions.DependencyInjection;

namespace AiNow.Contracts;

/// <summary>Registers <see cref="PrincipalSigningHandler"/> on an HttpClient.</summary>
public static class PrincipalSigningExtensions
{
    /// <summary>
    /// Signs every request of the client as <paramref name="principal"/> with the registered <see cref="PrincipalSigner"/>.
    /// Call it after any resilience handler is added, so the signing handler sits inside it and each retry is signed afresh.
    /// </summary>
    public static IHttpClientBuilder AddPrincipalSigning(this IHttpClientBuilder client, Principal principal) =>
        client.AddHttpMessageHandler(services => new PrincipalSigningHandler(services.GetRequiredService<PrincipalSigner>(), principal));
}
