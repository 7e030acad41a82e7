namespace AiNow.AppHost.LocalInfrastructure;

/// <summary>
/// Garnet, Microsoft's Redis-compatible server written in .NET, run as a process in place of a Redis
/// container. Its connection string has the same shape as Aspire's Redis resource.
/// </summary>
public sealed class LocalGarnetResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <summary>The endpoint name, as on Aspire's Redis resource.</summary>
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The password clients authenticate with.</summary>
    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The TCP endpoint the server listens on (127.0.0.1).</summary>
    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>StackExchange.Redis connection string.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}
