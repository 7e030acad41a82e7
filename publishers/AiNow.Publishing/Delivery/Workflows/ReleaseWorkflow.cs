using AiNow.Publishing.Delivery.Clouds;
using AiNow.Publishing.Delivery.Workflows.Model;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Delivery.Workflows;

/// <summary>
/// <c>release</c>: for every push to main that ci passed (its <c>workflow_run</c>, at the commit ci
/// tested) and every version tag, builds each image of <c>images.json</c> once, pushes it to every
/// cloud registry through OIDC logins (DigitalOcean: its token), with SBOM and provenance attestations
/// and a keyless cosign signature; a site's registry gets the same digests from the site's own runners.
/// The digests become <c>release.json</c>, the artifact deploy consumes. Registries keep tags immutable,
/// so a re-run of the same commit reuses what an earlier attempt pushed, signed and attested.
/// </summary>
internal static class ReleaseWorkflow
{
    /// <summary>The workflow's name, which deploy's <c>workflow_run</c> trigger names.</summary>
    public const string Name = "release";

    /// <summary>The event of a release of main: ci's run on a push to main completed.</summary>
    public const string MainTrigger = "workflow_run";

    private const string ImagesPath = $"manifests/{DeliveryEmitter.Folder}/{ReleaseImages.FileName}";

    /// <summary>The commit released: the one ci tested on main, or the version tag's.</summary>
    private const string TriggerCommit = "${{ github.event.workflow_run.head_sha || github.sha }}";

    /// <summary>The commit every job after the plan builds and records.</summary>
    private const string Commit = "${{ needs.plan.outputs.commit }}";

    /// <summary>The image's digest: pushed by an earlier attempt of this commit, or built now.</summary>
    private const string Digest = "${{ steps.prior.outputs.digest || steps.build.outputs.digest }}";

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
            // main is released only once ci passed on it; a version tag is the maintainers' own decision.
            On = new WorkflowTriggers
            {
                Push = new PushTrigger(Tags: ["v*"]),
                WorkflowRun = new WorkflowRunTrigger([CiWorkflow.Name], ["completed"], ["main"]),
            },
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
        // ci's run must have passed, on a push to main (a pull request's branch may be called main too).
        If = "${{ github.event_name == 'push' || (github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push') }}",
        RunsOn = CloudPipeline.HostedRunner,
        Permissions = Permissions.ReadContents,
        TimeoutMinutes = 5,
        Outputs = SortedMap.Of(
            ("commit", "${{ steps.plan.outputs.commit }}"),
            ("images", "${{ steps.plan.outputs.images }}"),
            ("tag", "${{ steps.plan.outputs.tag }}"),
            ("version", "${{ steps.plan.outputs.version }}")),
        Steps =
        [
            CommonSteps.Checkout(TriggerCommit),
            new()
            {
                Name = "Read the version and the images",
                Id = "plan",
                Env = SortedMap.Of(("COMMIT", TriggerCommit), ("IMAGES", ImagesPath)),
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
                      *) tag=$version-$COMMIT ;;
                    esac
                    {
                      echo "commit=$COMMIT"
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
        var indexes = hosted.Select(r => images.Registries.ToList().IndexOf(r)).ToList();
        List<Step> steps =
        [
            CommonSteps.Checkout(Commit),
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
                // Tags are immutable in every registry: a re-run of this commit must not build again (another
                // digest, refused under the same tag) but reuse what an earlier attempt pushed, after checking
                // it was built from this commit (a version tag may have been moved to another one).
                Name = "Find what an earlier attempt of this commit pushed",
                Id = "prior",
                Env = SortedMap.Of(("COMMIT", Commit), ("NAMES", "${{ steps.names.outputs.names }}"), ("TAG", "${{ needs.plan.outputs.tag }}")),
                Run = """
                    digest=""
                    source=""
                    missing=()
                    while read -r name; do
                      if ! manifest=$(docker buildx imagetools inspect "$name:$TAG" --format '{{json .Manifest}}' 2>"$RUNNER_TEMP/inspect.log"); then
                        if grep -qi 'not found' "$RUNNER_TEMP/inspect.log"; then
                          missing+=("$name")
                          continue
                        fi
                        echo "::error::Could not look for $name:$TAG: $(cat "$RUNNER_TEMP/inspect.log")"
                        exit 1
                      fi
                      found=$(jq -r .digest <<<"$manifest")
                      revision=$(docker buildx imagetools inspect "$name:$TAG" --format '{{json .Image}}' |
                        jq -r '[.. | objects | select(has("config")) | .config.Labels["org.opencontainers.image.revision"]? // empty] | first // ""')
                      if [ "$revision" != "$COMMIT" ]; then
                        echo "::error::$name:$TAG exists, built from ${revision:-an unknown commit}, not $COMMIT, and its tag is immutable. Release another version (the settings' ImageTag)."
                        exit 1
                      fi
                      if [ -n "$digest" ] && [ "$found" != "$digest" ]; then
                        echo "::error::$name:$TAG is $found but $source:$TAG is $digest: one release, two builds. Remove the release's tags of this commit by hand and run again."
                        exit 1
                      fi
                      digest=$found
                      source=$name
                    done <<<"$NAMES"
                    if [ -n "$digest" ]; then
                      for name in "${missing[@]}"; do
                        # The very digest, copied from a registry that has it: a build now would make another.
                        docker buildx imagetools create --tag "$name:$TAG" "$source@$digest"
                      done
                      echo "::notice::$TAG was pushed by an earlier attempt as $digest: reused, not built again."
                    fi
                    echo "digest=$digest" >> "$GITHUB_OUTPUT"
                    """,
            },
            new()
            {
                // The base image and runtime identifier are the Dockerfile's own defaults (Alpine and linux-musl-x64; inference:
                // noble-chiseled and linux-x64, since ONNX Runtime has no musl build), so the release builds what the Dockerfile says.
                Name = PinnedActions.BuildPush.Describe("Build and push ${{ matrix.image.repository }} with SBOM and provenance"),
                Id = "build",
                If = "${{ steps.prior.outputs.digest == '' }}",
                Uses = PinnedActions.BuildPush.Uses,
                With = SortedMap.Of(
                    ("build-args", $"VERSION=${{{{ needs.plan.outputs.version }}}}\nREVISION={Commit}\nSOURCE=${{{{ github.server_url }}}}/${{{{ github.repository }}}}"),
                    ("context", "${{ matrix.image.context }}"),
                    ("file", "${{ matrix.image.dockerfile }}"),
                    ("platforms", "${{ matrix.image.platform }}"),
                    ("provenance", "mode=max"),
                    ("push", "true"),
                    ("sbom", "true"),
                    ("tags", "${{ steps.names.outputs.tags }}")),
            },
            InstallCosign,
            new()
            {
                // The legacy format keeps the signature under its own tag, sha256-<hex>.sig. cosign 3's default
                // bundle is an OCI referrer, kept where a registry has no referrers API (Artifact Registry) under
                // sha256-<hex>: the tag the provenance attestation's referrers index takes, and an immutable tag is
                // written once. Legacy signing needs the services named by flags, not by the TUF signing config.
                // A signature already there (an earlier attempt's) is kept: signing again would rewrite its tag.
                Name = "Sign the image keylessly (Sigstore, the run's OIDC identity)",
                Env = SortedMap.Of(("DIGEST", Digest), ("NAMES", "${{ steps.names.outputs.names }}")),
                Run = """
                    while read -r name; do
                      if docker buildx imagetools inspect --raw "$name:${DIGEST/:/-}.sig" > /dev/null 2>&1; then
                        echo "$name@$DIGEST is signed already"
                        continue
                      fi
                      cosign sign --yes --new-bundle-format=false --use-signing-config=false "$name@$DIGEST"
                    done <<<"$NAMES"
                    """,
            },
            new()
            {
                // The attestation is an OCI referrer where a registry has the referrers API (another one on a
                // re-run is harmless), else an entry of the index tagged sha256-<hex>, which an immutable tag
                // takes once: where that tag exists, an earlier attempt attested the image there.
                Name = "Find the registries an earlier attempt attested the image in",
                Id = "attested",
                Env = SortedMap.Of([("DIGEST", Digest), .. indexes.Select(i => ($"IMAGE_{i}", $"${{{{ matrix.image.pushedTo[{i}].image }}}}"))]),
                Run = string.Join('\n',
                [
                    "attested() { if docker buildx imagetools inspect --raw \"$1:${DIGEST/:/-}\" > /dev/null 2>&1; then echo true; else echo false; fi; }",
                    "{",
                    .. indexes.Select(i => $"  echo \"registry-{i}=$(attested \"$IMAGE_{i}\")\""),
                    "} >> \"$GITHUB_OUTPUT\"",
                ]) + "\n",
            },
            .. hosted.Zip(indexes).Select(pair => new Step
            {
                Name = PinnedActions.AttestBuildProvenance.Describe($"Attest the build's provenance in {pair.First.Prefix}"),
                If = $"${{{{ steps.attested.outputs.registry-{pair.Second} != 'true' }}}}",
                Uses = PinnedActions.AttestBuildProvenance.Uses,
                With = SortedMap.Of(
                    ("push-to-registry", "true"),
                    ("subject-digest", Digest),
                    ("subject-name", $"${{{{ matrix.image.pushedTo[{pair.Second}].image }}}}")),
            }),
            new()
            {
                Name = "Record the digest",
                Env = SortedMap.Of(("DIGEST", Digest), ("NAME", "${{ matrix.image.name }}"), ("REPOSITORY", "${{ matrix.image.repository }}")),
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

    /// <summary>cosign at the release whose flags the signing step uses, not whatever the installer defaults to next.</summary>
    private static Step InstallCosign { get; } = new()
    {
        Name = PinnedActions.CosignInstaller.Describe($"Install cosign {PinnedActions.CosignRelease}"),
        Uses = PinnedActions.CosignInstaller.Uses,
        With = SortedMap.Of(("cosign-release", PinnedActions.CosignRelease)),
    };

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
                CommonSteps.Checkout(Commit),
                CommonSteps.DownloadMatching("the digests", "digest-*", "digests"),
                .. sourcePipeline.RegistryLogin(source),
                .. sitePipeline.RegistryLogin(site),
                InstallCosign,
                new()
                {
                    // cosign copy keeps the digest and brings the signature along. The site's tags are immutable
                    // too: a copy an earlier attempt made is kept.
                    Name = $"Copy every image by digest from {source.Prefix}",
                    Env = SortedMap.Of(("FROM", source.Prefix), ("IMAGES", ImagesPath), ("TAG", "${{ needs.plan.outputs.tag }}"), ("TO", site.Prefix)),
                    Run = """
                        jq -r --arg from "$FROM" --arg to "$TO" '.images[] | [.name, (.pushedTo[] | select(.registry == $from) | .image), (.pushedTo[] | select(.registry == $to) | .image)] | @tsv' "$IMAGES" |
                          while IFS=$'\t' read -r name source target; do
                            digest=$(jq -r .digest "digests/$name.json")
                            if present=$(docker buildx imagetools inspect "$target:$TAG" --format '{{json .Manifest}}' 2>/dev/null); then
                              if [ "$(jq -r .digest <<<"$present")" != "$digest" ]; then
                                echo "::error::$target:$TAG exists as another digest than $digest, and its tag is immutable."
                                exit 1
                              fi
                              echo "$target:$TAG is $digest already"
                              continue
                            fi
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
                Env = SortedMap.Of(("COMMIT", Commit), ("IMAGES", "${{ needs.plan.outputs.images }}"), ("VERSION", "${{ needs.plan.outputs.version }}")),
                Run = $$"""
                    jq -s --arg version "$VERSION" --arg commit "$COMMIT" \
                      '{version: $version, commit: $commit, images: (map({(.repository): .digest}) | add)}' digests/*.json > {{ReleaseArtifact.File}}
                    jq -e --arg commit "$COMMIT" '{{ReleaseArtifact.CheckProgram}}' {{ReleaseArtifact.File}} > /dev/null
                    expected=$(jq length <<<"$IMAGES")
                    if [ "$(jq '.images | length' {{ReleaseArtifact.File}})" != "$expected" ]; then
                      echo "::error::{{ReleaseArtifact.File}} does not hold one digest for each of the $expected images."
                      exit 1
                    fi
                    {
                      echo "### Release $VERSION ($COMMIT)"
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
