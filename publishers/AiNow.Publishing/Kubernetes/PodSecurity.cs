using k8s.Models;

namespace AiNow.Publishing.Kubernetes;

/// <summary>
/// The Pod Security "restricted" profile for every pod: non-root, no privilege escalation, all
/// capabilities dropped, RuntimeDefault seccomp, read-only root file system with a writable /tmp.
/// </summary>
internal static class PodSecurity
{
    /// <summary>The non-root <c>app</c> user of the .NET container images.</summary>
    public const long DotnetAppUser = 1654;

    /// <summary>The <c>postgres</c> and <c>redis</c> users of the official images.</summary>
    public const long StoreUser = 999;

    /// <summary>The name of the writable scratch volume.</summary>
    public const string TmpVolumeName = "tmp";

    /// <summary>Pod-level security context running as <paramref name="user"/>.</summary>
    public static V1PodSecurityContext Pod(long user) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>Container-level security context.</summary>
    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        Privileged = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>A writable, size-limited scratch volume.</summary>
    public static V1Volume ScratchVolume(string name, string sizeLimit = "64Mi") => new()
    {
        Name = name,
        EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(sizeLimit) },
    };

    /// <summary>Mounts the scratch volume at <paramref name="path"/>.</summary>
    public static V1VolumeMount Mount(string name, string path) => new() { Name = name, MountPath = path };
}
