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

/// <summary>What one emitter produced, and where it goes.</summary>
/// <param name="Emitter">The emitter's step name.</param>
/// <param name="Files">The files, relative to <paramref name="Directory"/>.</param>
/// <param name="Directory">The folder replaced whole, or the output root for emitters of single files.</param>
/// <param name="ReplacesDirectory">True when <paramref name="Directory"/> is replaced whole.</param>
public sealed record EmitResult(string Emitter, IReadOnlyList<GeneratedFile> Files, string Directory, bool ReplacesDirectory)
{
    /// <summary>The result as a part of the output to write.</summary>
    public OutputPart Part => new(Directory, Files, ReplacesDirectory);
}

/// <summary>What a whole publish produced.</summary>
/// <param name="Model">The deployment model read from the app model.</param>
/// <param name="Results">One result per emitter, in pipeline order.</param>
public sealed record PublishResult(DeploymentModel Model, IReadOnlyList<EmitResult> Results);

/// <summary>
/// Read once, emit per emitter, then write once: the app model becomes a <see cref="DeploymentModel"/>
/// (settings validated first), each emitter turns it into files in memory, and the writer puts every
/// emitter's output in place at once. Any failure leaves the whole output as it was.
/// </summary>
/// <param name="settings">The deployment settings.</param>
public sealed class DeploymentPublisher(DeploymentSettings settings)
{
    /// <summary>The emitters, in the order their steps run.</summary>
    public static IReadOnlyList<IDeploymentEmitter> Emitters { get; } = [new KubernetesEmitter(), new TerraformEmitter(), new DeliveryEmitter(), new MonitoringEmitter(), new OverviewEmitter()];

    /// <summary>Reads the app model (validating the settings against it).</summary>
    public Task<DeploymentModel> ReadAsync(DistributedApplicationModel appModel, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken = default) =>
        new AppModelReader(settings).ReadAsync(appModel, executionContext, cancellationToken);

    /// <summary>Emits one emitter's files for <paramref name="outputDirectory"/>; nothing is written.</summary>
    public static EmitResult Emit(IDeploymentEmitter emitter, DeploymentModel model, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);

        var root = Path.GetFullPath(outputDirectory);
        return emitter.OutputFolder is { } folder
            ? new EmitResult(emitter.StepName, emitter.Emit(model), Path.Combine(root, folder), ReplacesDirectory: true)
            : new EmitResult(emitter.StepName, emitter.Emit(model), root, ReplacesDirectory: false);
    }

    /// <summary>Writes every emitter's output at once, or on any failure none of it.</summary>
    public static Task WriteAsync(IReadOnlyList<EmitResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        return AtomicDirectoryWriter.WriteAllAsync([.. results.Select(r => r.Part)], cancellationToken);
    }

    /// <summary>Reads the app model once, runs every emitter and writes their output into <paramref name="outputDirectory"/>.</summary>
    public async Task<PublishResult> PublishAsync(
        DistributedApplicationModel appModel,
        DistributedApplicationExecutionContext executionContext,
        string outputDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);

        var model = await ReadAsync(appModel, executionContext, cancellationToken);
        var results = Emitters.Select(emitter => Emit(emitter, model, outputDirectory)).ToList();
        await WriteAsync(results, cancellationToken);
        return new PublishResult(model, results);
    }
}
