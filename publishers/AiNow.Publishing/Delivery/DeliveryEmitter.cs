using AiNow.Publishing.Delivery.Workflows;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Delivery;

/// <summary>
/// <c>manifests/delivery/</c>: the pipeline as code. The five GitHub workflows (ci, release, deploy,
/// rollback, compliance) as typed workflow models, <c>images.json</c> (what a release builds and where
/// it pushes it) and a README of what GitHub and the clouds must hold for them to run. GitHub reads
/// workflows only from <c>.github/workflows/</c>, where byte-identical copies are committed.
/// </summary>
public sealed class DeliveryEmitter : IDeploymentEmitter
{
    /// <summary>The emitter's folder under the publish output.</summary>
    public const string Folder = "delivery";

    /// <summary>The workflows' folder inside <see cref="Folder"/>.</summary>
    public const string WorkflowsFolder = "workflows";

    /// <summary>Where GitHub reads workflows, from the repository root.</summary>
    public const string GitHubWorkflows = ".github/workflows";

    /// <summary>The one command that copies freshly published workflows to where GitHub reads them.</summary>
    public const string CopyWorkflowsCommand = $"cp manifests/{Folder}/{WorkflowsFolder}/*.yml {GitHubWorkflows}/";

    /// <inheritdoc />
    public string StepName => "publish-delivery";

    /// <inheritdoc />
    public string? OutputFolder => Folder;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(DeploymentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        var images = ReleaseImages.From(model);
        var workflows = Workflows(model, images);
        List<GeneratedFile> files =
        [
            new(DeliveryReadme.FileName, DeliveryReadme.Write(model, images)),
            new(ReleaseImages.FileName, DeliveryJson.Serialize(images)),
            .. workflows.Select(w => new GeneratedFile($"{WorkflowsFolder}/{w.Name}.yml", ManifestYaml.Serialize(w))),
        ];
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>The five workflows of <paramref name="model"/>.</summary>
    public static IReadOnlyList<Workflow> Workflows(DeploymentModel model, ReleaseImages images)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        return
        [
            CiWorkflow.Build(),
            ReleaseWorkflow.Build(model, images),
            DeployWorkflow.Build(model),
            RollbackWorkflow.Build(model),
            ComplianceWorkflow.Build(),
        ];
    }
}
