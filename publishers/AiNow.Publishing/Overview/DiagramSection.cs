using System.Globalization;
using System.Text;
using AiNow.Publishing.Model;

namespace AiNow.Publishing.Overview;

/// <summary>One environment's workloads and a Mermaid diagram of who talks to whom.</summary>
internal static class DiagramSection
{
    public static void Append(StringBuilder text, DeploymentModel model, EnvironmentPlan environment)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n## {environment.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Default image tag `{environment.ImageTag}`; HTTP workloads: {OverviewEmitter.Rollout(environment.Rollout)}; queue workers: rolling update");
        text.Append(environment.SpreadAcrossZones ? "; replicas spread across zones" : string.Empty);
        text.Append(environment.DeployApproval ? "; each deploy needs an approval" : string.Empty).Append(".\n\n");
        text.Append("| workload | kind | replicas | CPU request / limit | memory request / limit |\n|---|---|---|---|---|\n");
        foreach (var service in model.Services)
        {
            var plan = environment.GetService(service.Name);
            var replicas = plan.Autoscaling is { } a ? $"{a.MinReplicas}-{a.MaxReplicas} (CPU {a.TargetCpuUtilization}%)" : plan.Replicas.ToString(CultureInfo.InvariantCulture);
            var kind = service.Kind == WorkloadKind.RunToCompletion ? "Job (before the workloads)" : service.IsPublic ? "public" : model.IsQueueConsumer(service) ? "queue worker" : "internal";
            text.Append(CultureInfo.InvariantCulture, $"| {service.Name} | {kind} | {replicas} | {plan.Resources.CpuRequest} / {plan.Resources.CpuLimit} | {plan.Resources.MemoryRequest} / {plan.Resources.MemoryLimit} |\n");
        }

        text.Append("\n```mermaid\nflowchart LR\n");
        text.Append("  internet((internet)) -->|TLS, /v1 only| ").Append(Node(model.Services.FirstOrDefault(s => s.IsPublic)?.Name ?? "none")).Append('\n');
        foreach (var service in model.Services)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Node(service.Name)}[\"{service.Name}\"]\n");
        }

        foreach (var store in model.DataStores)
        {
            var where = environment.Targets.All(t => t.Stores == StoreMode.InCluster)
                ? "in-cluster on each target"
                : store.Kind == DataStoreKind.Postgres ? $"managed, system of record on {environment.Primary.Key}" : "managed on each target";
            text.Append(CultureInfo.InvariantCulture, $"  {Node(store.Name)}[(\"{store.Name}<br/>{where}\")]\n");
        }

        foreach (var edge in model.Edges)
        {
            var label = edge.To == edge.TargetWorkload ? string.Empty : $"|{edge.To}|";
            text.Append(CultureInfo.InvariantCulture, $"  {Node(edge.From)} -->{label} {Node(edge.TargetWorkload)}\n");
        }

        foreach (var egress in model.ExternalEgress)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Node(egress.Service)} -->|\"TCP {string.Join(", ", egress.Ports)}\"| upstream((internet))\n");
        }

        foreach (var service in model.Services)
        {
            foreach (var job in service.WaitsForCompletionOf)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {Node(job)} -.->|completes before| {Node(service.Name)}\n");
            }
        }

        text.Append("```\n");
    }

    private static string Node(string name) => name.Replace('-', '_');
}
