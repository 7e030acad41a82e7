using System.Collections.Immutable;

namespace AiNow.Publishing.Model;

/// <summary>An environment variable of a workload.</summary>
public sealed record EnvironmentVariable(string Name, ValueExpression Value);

/// <summary>
/// A value assembled from parts, some known at publish time (literals, endpoints) and some only by
/// reference (secrets, parameters, connections). Emitters decide how each part is supplied.
/// </summary>
public sealed record ValueExpression(ImmutableArray<ValuePart> Parts)
{
    /// <summary>A value that is plain text.</summary>
    public static ValueExpression Literal(string text) => new([new LiteralPart(text)]);

    /// <summary>True when any part must stay out of plain configuration.</summary>
    public bool IsSecret => Parts.Any(p => p is SecretPart or ConnectionStringPart);

    /// <summary>True when any part depends on the environment (a non-secret parameter).</summary>
    public bool DependsOnParameters => Parts.Any(p => p is ParameterPart);

    /// <summary>Structural equality over the parts (records compare arrays by reference).</summary>
    public bool Equals(ValueExpression? other) => other is not null && Parts.SequenceEqual(other.Parts);

    /// <inheritdoc />
    public override int GetHashCode() => Parts.Aggregate(17, (hash, part) => HashCode.Combine(hash, part));
}

/// <summary>How a referenced value is encoded where it is inserted.</summary>
public enum ValueEncoding
{
    /// <summary>As is.</summary>
    None,

    /// <summary>Percent-encoded for use inside a URI.</summary>
    Uri,
}

/// <summary>A piece of a <see cref="ValueExpression"/>.</summary>
public abstract record ValuePart;

/// <summary>Text known at publish time.</summary>
public sealed record LiteralPart(string Text) : ValuePart;

/// <summary>A secret parameter: supplied from the environment's secret store, never written out.</summary>
public sealed record SecretPart(string Parameter, ValueEncoding Encoding = ValueEncoding.None) : ValuePart;

/// <summary>A non-secret parameter: its value is per environment (settings), or empty.</summary>
public sealed record ParameterPart(string Parameter, ValueEncoding Encoding = ValueEncoding.None) : ValuePart;

/// <summary>A property of a workload's or store's endpoint, resolved by each emitter to its own addressing.</summary>
public sealed record EndpointPart(string Resource, string Endpoint, EndpointProperty Property) : ValuePart;

/// <summary>
/// The connection string of a store or database (<c>ainowdb</c>, <c>redis</c>). In-cluster stores
/// expand it from <see cref="ConnectionSpec.Value"/>; managed stores read it from the secret the
/// infrastructure writes (<see cref="InfrastructureNaming.ConnectionSecretName"/>).
/// </summary>
public sealed record ConnectionStringPart(string Connection) : ValuePart;

/// <summary>Which property of an endpoint a value uses.</summary>
public enum EndpointProperty
{
    /// <summary><c>scheme://host:port</c>.</summary>
    Url,

    /// <summary>The host name.</summary>
    Host,

    /// <summary>The port.</summary>
    Port,

    /// <summary><c>host:port</c>.</summary>
    HostAndPort,

    /// <summary>The port the process listens on.</summary>
    TargetPort,

    /// <summary>The URI scheme.</summary>
    Scheme,
}
