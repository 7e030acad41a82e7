using k8s.Models;

namespace AiNow.Publishing.Kubernetes.Crds;

/// <summary>A cert-manager Certificate (cert-manager.io/v1) for the public host name.</summary>
public sealed record Certificate(string ApiVersion, string Kind, V1ObjectMeta Metadata, CertificateSpec Spec)
{
    /// <summary>A Certificate of <c>cert-manager.io/v1</c>; apiVersion and kind come first in the YAML.</summary>
    public Certificate(V1ObjectMeta metadata, CertificateSpec spec)
        : this("cert-manager.io/v1", "Certificate", metadata, spec)
    {
    }
}

/// <summary>The names to certify, the Secret to write and the issuer.</summary>
public sealed record CertificateSpec(string SecretName, IReadOnlyList<string> DnsNames, IssuerReference IssuerRef);

/// <summary>A cert-manager issuer.</summary>
public sealed record IssuerReference(string Kind, string Name);
