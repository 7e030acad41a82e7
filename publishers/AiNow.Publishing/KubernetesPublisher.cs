using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Writing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AiNow.Publishing;

/// <summary>What a publish produced.</summary>
/// <param name="Model">The deployment model read from the app model.</param>
/// <param name="Files">The files written, relative to <paramref name="Directory"/>.</param>
/// <param name="Directory">The folder replaced (<c>manifests/kubernetes</c>).</param>
public sealed record PublishResult(DeploymentModel Model, IReadOnlyList<GeneratedFile> Files, string Directory);

/// <summary>
/// Read, emit, write: the app model becomes a <see cref="DeploymentModel"/> (settings validated
/// first), the Kubernetes emitter turns it into files, and the writer swaps them into
/// <c>{output}/kubernetes</c> at once. Any failure leaves the previous output untouched.
/// </summary>
/// <param name="settings">The deployment settings.</param>
public sealed class KubernetesPublisher(DeploymentSettings settings)
{
    /// <summary>Publishes into <paramref name="outputDirectory"/>/kubernetes.</summary>
    public async Task<PublishResult> PublishAsync(
        DistributedApplicationModel appModel,
        DistributedApplicationExecutionContext executionContext,
        string outputDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);

        var model = await new AppModelReader(settings).ReadAsync(appModel, executionContext, cancellationToken);
        var files = KubernetesEmitter.Emit(model);
        var directory = Path.Combine(Path.GetFullPath(outputDirectory), KubernetesEmitter.OutputFolder);
        await AtomicDirectoryWriter.WriteAsync(directory, files, cancellationToken);
        return new PublishResult(model, files, directory);
    }
}
