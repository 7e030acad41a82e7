using AiNow.Publishing.Delivery;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Monitoring;
using AiNow.Publishing.Overview;
using AiNow.Publishing.Reading;
using AiNow.Publishing.Settings;
using AiNow.Publishing.Terraform;
using AiNow.Publishing.Writing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AiNow.Publishing;

/// <summary>What one emitter wrote.</summary>
/// <param name="Emitter">The emitter's step name.</param>
/// <param name="Files">The files written, relative to <paramref name="Directory"/>.</param>
/// <param name="Directory">The folder replaced, or the output root for single-file emitters.</param>
public sealed record EmitResult(string Emitter, IReadOnlyList<GeneratedFile> Files, string Directory);

/// <summary>What a whole publish produced.</summary>
/// <param name="Model">The deployment model read from the app model.</param>
/// <param name="Results">One result per emitter, in pipeline order.</param>
public sealed record PublishResult(DeploymentModel Model, IReadOnlyList<EmitResult> Results);

/// <summary>
/// Read once, then emit and write per emitter: the app model becomes a <see cref="DeploymentModel"/>
/// (settings validated first), each emitter turns it into files, and the writer swaps each emitter's
/// folder in at once. Any failure leaves that emitter's previous output untouched.
/// </summary>
/// <param name="settings">The deployment settings.</param>
public sealed class DeploymentPublisher(DeploymentSettings settings)
{
    /// <summary>The emitters, in the order their steps run.</summary>
    public static IReadOnlyList<IDeploymentEmitter> Emitters { get; } = [new KubernetesEmitter(), new TerraformEmitter(), new DeliveryEmitter(), new MonitoringEmitter(), new OverviewEmitter()];

    /// <summary>Reads the app model (validating the settings against it).</summary>
    public Task<DeploymentModel> ReadAsync(DistributedApplicationModel appModel, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken = default) =>
        new AppModelReader(settings).ReadAsync(appModel, executionContext, cancellationToken);

    /// <summary>Emits and writes one emitter's output under <paramref name="outputDirectory"/>.</summary>
    public static async Task<EmitResult> EmitAsync(IDeploymentEmitter emitter, DeploymentModel model, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);

        var files = emitter.Emit(model);
        var root = Path.GetFullPath(outputDirectory);
        if (emitter.OutputFolder is { } folder)
        {
            var directory = Path.Combine(root, folder);
            await AtomicDirectoryWriter.WriteAsync(directory, files, cancellationToken);
            return new EmitResult(emitter.StepName, files, directory);
        }

        await AtomicDirectoryWriter.WriteFilesAsync(root, files, cancellationToken);
        return new EmitResult(emitter.StepName, files, root);
    }

    /// <summary>Reads the app model once and runs every emitter into <paramref name="outputDirectory"/>.</summary>
    public async Task<PublishResult> PublishAsync(
        DistributedApplicationModel appModel,
        DistributedApplicationExecutionContext executionContext,
        string outputDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);

        var model = await ReadAsync(appModel, executionContext, cancellationToken);
        var results = new List<EmitResult>();
        foreach (var emitter in Emitters)
        {
            results.Add(await EmitAsync(emitter, model, outputDirectory, cancellationToken));
        }

        return new PublishResult(model, results);
    }
}
