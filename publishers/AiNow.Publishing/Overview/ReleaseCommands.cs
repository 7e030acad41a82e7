using System.Globalization;
using System.Text;
using AiNow.Publishing.Kubernetes;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Overview;

/// <summary>
/// How an operator pins a release without editing a generated file, and the commands that apply it
/// in the one working order (the same as the Argo CD sync waves), through promotion.
/// </summary>
internal static class ReleaseCommands
{
    public static void Append(StringBuilder text, DeploymentModel model, EnvironmentPlan environment, CloudTarget target)
    {
        var ns = model.Naming.Namespace(environment.Name);
        var job = model.Services.FirstOrDefault(s => s.Kind == WorkloadKind.RunToCompletion)?.Name;
        var gateway = model.Services.FirstOrDefault(s => s.IsPublic);
        var rollouts = new RolloutFactory(model, environment);
        var released = model.Services.Where(rollouts.UsesRollout).Select(s => s.Name).ToList();

        text.Append("\n**3. Pin the release** (no generated file is edited): a kustomization beside the checkout wraps the overlay.\n\n```bash\n");
        text.Append("mkdir -p release && cd release\n");
        text.Append(CultureInfo.InvariantCulture, $"kustomize create --resources ../manifests/{OverviewEmitter.Overlay(environment, target)}\n");
        foreach (var service in model.Services.Where(s => s.Image.BuiltFromSource))
        {
            var image = model.Naming.ImageName(target, service.Name);
            text.Append(CultureInfo.InvariantCulture, $"kustomize edit set image {image}={image}:$TAG@$DIGEST_{service.Name.ToUpperInvariant().Replace('-', '_')}\n");
        }

        text.Append("cd ..\n```\n\nWith Argo CD, point an Application at `release/` (or at the overlay with `spec.source.kustomize.images`): the sync waves and the migrations Sync hook order everything.\n\n");
        text.Append("**4. Apply with kubectl** (the same order as the waves):\n\n```bash\n");
        text.Append(CultureInfo.InvariantCulture, $"kubectl apply --server-side -k manifests/{Monitoring.MonitoringLayout.Folder}/{Monitoring.MonitoringLayout.TargetFolder(environment, target)}   # alerts, the collector's ServiceMonitor, dashboards: needs the add-ons' CRDs; the rollout analysis needs Prometheus scraping first\n");
        text.Append("kubectl kustomize release > release.yaml\n");
        if (job is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"kubectl delete job {job} -n {ns} --ignore-not-found --wait   # a Job's template is immutable\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"kubectl apply -f release.yaml -l '{ReleaseOrder.PhaseLabel}!={ReleaseOrder.RolloutPhase}'   # namespace, config, secrets, policies, stores, migrations\n");
        text.Append(CultureInfo.InvariantCulture, $"kubectl wait -n {ns} --for=condition=Ready externalsecret --all --timeout=5m\n");
        if (target.Stores == StoreMode.InCluster)
        {
            foreach (var store in model.DataStores)
            {
                text.Append(CultureInfo.InvariantCulture, $"kubectl rollout status -n {ns} statefulset/{store.Name} --timeout=10m\n");
            }
        }

        if (job is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"kubectl wait -n {ns} --for=condition=complete job/{job} --timeout=15m || {{ kubectl logs -n {ns} job/{job}; exit 1; }}\n");
        }

        text.Append("kubectl apply -f release.yaml   # the workloads, on the new schema\n");
        AppendPromotion(text, model, environment, ns, gateway, released);
        text.Append("```\n\n");

        if (gateway?.PrimaryEndpoint is { } endpoint)
        {
            var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"Only `{Kubernetes.Ingress.IngressController.PublicPathPrefix}` is on the public edge; reach `/admin/*` with `kubectl -n {ns} port-forward svc/{gateway.Name} {port}:{port}`, then `http://localhost:{port}/admin/...`.\n");
        }
    }

    private static void AppendPromotion(StringBuilder text, DeploymentModel model, EnvironmentPlan environment, string ns, ServiceSpec? gateway, List<string> released)
    {
        if (released.Count == 0)
        {
            foreach (var service in model.Services.Where(s => s.Kind == WorkloadKind.LongRunning))
            {
                text.Append(CultureInfo.InvariantCulture, $"kubectl rollout status -n {ns} deployment/{service.Name} --timeout=15m\n");
            }

            return;
        }

        // `kubectl argo rollouts status` waits for Healthy or Degraded only; a Rollout waiting for a
        // person is Paused, so wait on the phase instead.
        text.Append(CultureInfo.InvariantCulture, $"for r in {string.Join(' ', released)}; do\n");
        text.Append(CultureInfo.InvariantCulture, $"  until [[ \"$(kubectl get rollout $r -n {ns} -o jsonpath='{{.status.phase}}')\" =~ ^(Paused|Healthy|Degraded)$ ]]; do sleep 10; done\n");
        text.Append("done\n");
        if (environment.Rollout.Strategy == RolloutStrategy.BlueGreen && gateway?.PrimaryEndpoint is { } endpoint)
        {
            var port = endpoint.Port.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"kubectl -n {ns} port-forward svc/{RolloutFactory.PreviewServiceName(gateway.Name)} 18080:{port} & preview=$!   # try the new gateway on http://localhost:18080\n");
            text.Append("kill $preview\n");
        }

        if (environment.Rollout.ManualPromotion)
        {
            text.Append(CultureInfo.InvariantCulture, $"for r in {string.Join(' ', released)}; do kubectl argo rollouts promote $r -n {ns}; done\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"for r in {string.Join(' ', released)}; do kubectl argo rollouts status $r -n {ns} --timeout 15m; done\n");
        text.Append(CultureInfo.InvariantCulture, $"# An analysis without enough traffic to measure fails (no data is never success) and the release aborts: send traffic and `kubectl argo rollouts retry rollout $r -n {ns}`, or accept it unmeasured with `kubectl argo rollouts promote --full $r -n {ns}`.\n");
    }
}
