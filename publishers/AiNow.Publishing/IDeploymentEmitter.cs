using AiNow.Publishing.Model;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing;

/// <summary>
/// The contract every emitter keeps: a pure function from the deployment model to files, run as its
/// own pipeline step; the write step then puts every emitter's files in place together. The same model
/// gives byte-identical files.
/// </summary>
public interface IDeploymentEmitter
{
    /// <summary>The pipeline step that produces the files (<c>publish-kubernetes</c>); <c>write-deployment-output</c> writes them.</summary>
    string StepName { get; }

    /// <summary>
    /// The folder under the publish output this emitter owns and replaces whole (<c>kubernetes</c>),
    /// or null for an emitter of single files at the output's root, each replaced on its own.
    /// </summary>
    string? OutputFolder { get; }

    /// <summary>Every file, relative to <see cref="OutputFolder"/> (or the output's root), in path order.</summary>
    IReadOnlyList<GeneratedFile> Emit(DeploymentModel model);
}
