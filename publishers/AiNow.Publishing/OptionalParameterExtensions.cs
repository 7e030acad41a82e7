using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Marks a parameter the platform runs without, so deployments never require its value.</summary>
public sealed record OptionalParameterAnnotation : IResourceAnnotation;

/// <summary>Declares optional parameters for the deployment publishers.</summary>
public static class OptionalParameterExtensions
{
    /// <summary>
    /// Marks <paramref name="parameter"/> optional: a deployment whose secret store has no entry for
    /// it starts anyway with the variable unset, instead of waiting for a secret that may never come.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AsOptional(this IResourceBuilder<ParameterResource> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.WithAnnotation(new OptionalParameterAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }
}
