using AiNow.Contracts;

namespace AiNow.Api.Security;

/// <summary>Endpoint metadata: the kind of principal the gateway must have vouched for.</summary>
public sealed record RequiredPrincipal(PrincipalKind Kind);

/// <summary>Marks endpoints with the principal they require; <see cref="PrincipalVerificationMiddleware"/> enforces it.</summary>
public static class RequiredPrincipalExtensions
{
    /// <summary>Requires a signed principal of <paramref name="kind"/> on every endpoint of <paramref name="builder"/>.</summary>
    public static TBuilder RequirePrincipal<TBuilder>(this TBuilder builder, PrincipalKind kind)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredPrincipal(kind));
        return builder;
    }
}
