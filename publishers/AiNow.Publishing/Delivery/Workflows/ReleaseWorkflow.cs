using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>release</c>: on every push to main and every version tag, builds each image of
/// <c>images.json</c> once, pushes it to every cloud registry through OIDC logins (DigitalOcean: its
/// token), with SBOM and provenance attestations and a keyless cosign signature; a site's registry gets
/// the same digests from the site's own runners. The digests become <c>release.json</c>, the artifact
/// deploy consumes.
/// </summary>
internal static class ReleaseWorkflow
{
    /// <summary>The workflow's name, which deploy's <c>workflow_run</c> trigger names.</summary>
    public const string Name = "release";

    private const string ImagesPath = $"manifests/{DeliveryEmitter.Folder}/{ReleaseImages.FileName}";

    public static Workflow Build(DeploymentModel model, ReleaseImages images)
    {
        var hosted = images.Registries.Where(r => CloudPipeline.For(r.Target.Cloud, model).RegistryReachableFromHostedRunners).ToList();
        var sites = images.Registries.Except(hosted).ToList();
        if (hosted.Count == 0)
        {
            throw new InvalidOperationException("Every environment runs on sites only, so no registry is reachable from GitHub's runners to build into. Add a cloud target, whose registry the site copies releases from.");
        }

        var jobs = new OrderedDictionary<string, Job>(StringComparer.Ordinal)
        {
            ["plan"] = Plan(),
            ["build"] = BuildImages(model, images, hosted),
        };
        foreach (var site in sites)
        {
            jobs[SiteJobId(site)] = CopyToSite(model, hosted[0], site);
        }

        jobs["record"] = Record(["plan", "build", .. sites.Select(SiteJobId)]);
        return new Workflow
        {
            Name = Name,
            On = new WorkflowTriggers { Push = new PushTrigger(Branches: ["main"], Tags: ["v*"]) },
            Permissions = Permissions.None,
            // Two releases of one ref never race for the same tags; a newer one waits.
            Concurrency = new Concurrency("release-${{ github.ref }}", CancelInProgress: false),
            Jobs = jobs,
        };
    }

    private static string SiteJobId(ReleaseRegistry site) => $"copy-to-{site.Cloud}";

    private static Job Plan() => new()
    {
        Name = "Read what to release",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = Permissions.ReadContents,
        TimeoutMinutes = 5,
        Outputs = SortedMap.Of(
            ("images", "${{ steps.plan.outputs.images }}"),
            ("tag", "${{ steps.plan.outputs.tag }}"),
            ("version", "${{ steps.plan.outputs.version }}")),
        Steps =
        [
            CommonSteps.Checkout(),
            new()
            {
                Name = "Read the version and the images",
                Id = "plan",
                Env = SortedMap.Of(("IMAGES", ImagesPath)),
                Run = """
                    version=$(jq -r .version "$IMAGES")
                    # Registries keep tags immutable: main's builds carry the commit, a version tag the bare version (once).
                    case "$GITHUB_REF" in
                      refs/tags/v*)
                        if [ "${GITHUB_REF_NAME#v}" != "$version" ]; then
                          echo "::error::Tag $GITHUB_REF_NAME does not match release version $version in $IMAGES (the settings' ImageTag). Tag v$version, or change ImageTag and publish again."
                          exit 1
                        fi
                        tag=$version ;;
                      *) tag=$version-$GITHUB_SHA ;;
                    esac
                    {
                      echo "version=$version"
                      echo "tag=$tag"
                      echo "images=$(jq -c .images "$IMAGES")"
                    } >> "$GITHUB_OUTPUT"
                    """,
            },
        ],
    };

    private static Job BuildImages(DeploymentModel model, ReleaseImages images, IReadOnlyList<ReleaseRegistry> hosted)
    {
        var pipelines = hosted.Select(r => (Registry: r, Pipeline: CloudPipeline.For(r.Target.Cloud, model))).ToList();
        var hostedPrefixes = System.Text.Json.JsonSerializer.Serialize(hosted.Select(r => r.Prefix).ToList());
        List<Step> steps =
        [
            CommonSteps.Checkout(),
            new() { Name = PinnedActions.SetupBuildx.Describe("Set up BuildKit"), Uses = PinnedActions.SetupBuildx.Uses },
            .. pipelines.SelectMany(p => p.Pipeline.RegistryLogin(p.Registry)),
            new()
            {
                Name = "Name the image in every registry reached from here",
                Id = "names",
                Env = SortedMap.Of(("HOSTED", hostedPrefixes), ("PUSHED", "${{ toJSON(matrix.image.pushedTo) }}"), ("TAG", "${{ needs.plan.outputs.tag }}")),
                Run = """
                    hosted() { jq -r --argjson hosted "$HOSTED" '.[] | select(.registry as $r | $hosted | index($r)) | .image' <<<"$PUSHED"; }
                    {
                      echo 'tags<<NAMES'
                      hosted | sed "s|\$|:$TAG|"
                      echo 'NAMES'
                      echo 'names<<NAMES'
                      hosted
                      echo 'NAMES'
                    } >> "$GITHUB_OUTPUT"
                    """,
            },
            new()
            {
                // The base image and runtime identifier are the Dockerfile's own defaults (Alpine and linux-musl-x64; inference:
                // noble-chiseled and linux-x64, since ONNX Runtime has no musl build), so the release builds what the Dockerfile says.
                Name = PinnedActions.BuildPush.Describe("Build and push ${{ matrix.image.repository }} with SBOM and provenance"),
                Id = "build",
                Uses = PinnedActions.BuildPush.Uses,
                With = SortedMap.Of(
                    ("build-args", "VERSION=${{ needs.plan.outputs.version }}\nREVISION=${{ github.sha }}\nSOURCE=${{ github.server_url }}/${{ github.repository }}"),
                    ("context", "${{ matrix.image.context }}"),
                    ("file", "${{ matrix.image.dockerfile }}"),
                    ("platforms", "${{ matrix.image.platform }}"),
                    ("provenance", "mode=max"),
                    ("push", "true"),
                    ("sbom", "true"),
                    ("tags", "${{ steps.names.outputs.tags }}")),
            },
            new() { Name = PinnedActions.CosignInstaller.Describe("Install cosign"), Uses = PinnedActions.CosignInstaller.Uses },
            new()
            {
                Name = "Sign the image keylessly (Sigstore, the run's OIDC identity)",
                Env = SortedMap.Of(("DIGEST", "${{ steps.build.outputs.digest }}"), ("NAMES", "${{ steps.names.outputs.names }}")),
                Run = """
                    while read -r name; do
                      cosign sign --yes "$name@$DIGEST"
                    done <<<"$NAMES"
                    """,
            },
            .. hosted.Select(registry => new Step
            {
                Name = PinnedActions.AttestBuildProvenance.Describe($"Attest the build's provenance in {registry.Prefix}"),
                Uses = PinnedActions.AttestBuildProvenance.Uses,
                With = SortedMap.Of(
                    ("push-to-registry", "true"),
                    ("subject-digest", "${{ steps.build.outputs.digest }}"),
                    ("subject-name", $"${{{{ matrix.image.pushedTo[{images.Registries.ToList().IndexOf(registry)}].image }}}}")),
            }),
            new()
            {
                Name = "Record the digest",
                Env = SortedMap.Of(("DIGEST", "${{ steps.build.outputs.digest }}"), ("NAME", "${{ matrix.image.name }}"), ("REPOSITORY", "${{ matrix.image.repository }}")),
                Run = """
                    mkdir -p digests
                    jq -n --arg repository "$REPOSITORY" --arg digest "$DIGEST" '{repository: $repository, digest: $digest}' > "digests/$NAME.json"
                    """,
            },
            CommonSteps.Upload("the digest", "digest-${{ matrix.image.name }}", "digests/", 1),
        ];

        return new Job
        {
            Name = "Build ${{ matrix.image.name }}",
            Needs = ["plan"],
            RunsOn = CloudPipeline.HostedRunner,
            Environment = new JobEnvironment(InfrastructureNaming.ReleaseEnvironment),
            Permissions = new Permissions
            {
                Attestations = Permissions.Write,
                Contents = Permissions.Read,
                // Cloud logins, cosign's keyless signature and the provenance attestation all present the run's OIDC token.
                IdToken = Permissions.Write,
            },
            TimeoutMinutes = 45,
            Strategy = new Strategy(new SortedDictionary<string, object>(StringComparer.Ordinal) { ["image"] = "${{ fromJSON(needs.plan.outputs.images) }}" }, FailFast: false),
            Steps = steps,
        };
    }

    private static Job CopyToSite(DeploymentModel model, ReleaseRegistry source, ReleaseRegistry site)
    {
        var sourcePipeline = CloudPipeline.For(source.Target.Cloud, model);
        var sitePipeline = CloudPipeline.For(site.Target.Cloud, model);
        return new Job
        {
            Name = $"Copy the images to {site.Prefix}",
            Needs = ["plan", "build"],
            RunsOn = sitePipeline.RunsOn,
            Environment = new JobEnvironment(InfrastructureNaming.ReleaseEnvironment),
            Permissions = sourcePipeline.RegistryLoginUsesOidc || sitePipeline.RegistryLoginUsesOidc
                ? new Permissions { Contents = Permissions.Read, IdToken = Permissions.Write }
                : Permissions.ReadContents,
            TimeoutMinutes = 30,
            Steps =
            [
                CommonSteps.Checkout(),
                CommonSteps.DownloadMatching("the digests", "digest-*", "digests"),
                .. sourcePipeline.RegistryLogin(source),
                .. sitePipeline.RegistryLogin(site),
                new() { Name = PinnedActions.CosignInstaller.Describe("Install cosign"), Uses = PinnedActions.CosignInstaller.Uses },
                new()
                {
                    // cosign copy keeps the digest and brings the signatures and attestations along.
                    Name = $"Copy every image by digest from {source.Prefix}",
                    Env = SortedMap.Of(("FROM", source.Prefix), ("IMAGES", ImagesPath), ("TAG", "${{ needs.plan.outputs.tag }}"), ("TO", site.Prefix)),
                    Run = """
                        jq -r --arg from "$FROM" --arg to "$TO" '.images[] | [.name, (.pushedTo[] | select(.registry == $from) | .image), (.pushedTo[] | select(.registry == $to) | .image)] | @tsv' "$IMAGES" |
                          while IFS=$'\t' read -r name source target; do
                            digest=$(jq -r .digest "digests/$name.json")
                            cosign copy "$source@$digest" "$target:$TAG"
                            docker buildx imagetools inspect "$target@$digest" > /dev/null
                          done
                        """,
                },
            ],
        };
    }

    private static Job Record(IReadOnlyList<string> needs) => new()
    {
        Name = "Record the release",
        Needs = needs,
        RunsOn = CloudPipeline.HostedRunner,
        // Artifacts of the same run need no token scope.
        Permissions = Permissions.None,
        TimeoutMinutes = 5,
        Steps =
        [
            CommonSteps.DownloadMatching("the digests", "digest-*", "digests"),
            new()
            {
                Name = $"Write {ReleaseArtifact.File}",
                Env = SortedMap.Of(("VERSION", "${{ needs.plan.outputs.version }}"), ("IMAGES", "${{ needs.plan.outputs.images }}")),
                Run = $$"""
                    jq -s --arg version "$VERSION" --arg commit "$GITHUB_SHA" \
                      '{version: $version, commit: $commit, images: (map({(.repository): .digest}) | add)}' digests/*.json > {{ReleaseArtifact.File}}
                    jq -e --arg commit "$GITHUB_SHA" '{{ReleaseArtifact.CheckProgram}}' {{ReleaseArtifact.File}} > /dev/null
                    expected=$(jq length <<<"$IMAGES")
                    if [ "$(jq '.images | length' {{ReleaseArtifact.File}})" != "$expected" ]; then
                      echo "::error::{{ReleaseArtifact.File}} does not hold one digest for each of the $expected images."
                      exit 1
                    fi
                    {
                      echo "### Release $VERSION ($GITHUB_SHA)"
                      echo '```json'
                      cat {{ReleaseArtifact.File}}
                      echo '```'
                    } >> "$GITHUB_STEP_SUMMARY"
                    """,
            },
            CommonSteps.Upload($"{ReleaseArtifact.File}", ReleaseArtifact.Name, ReleaseArtifact.File, ReleaseArtifact.RetentionDays),
        ],
    };
}
