using AiNow.Publishing.Model;
using AiNow.Publishing.Terraform.Hcl;

namespace AiNow.Publishing.Terraform.Roots;

/// <summary>
/// Where a target finds the system of record (PostgreSQL on the primary target): the primary
/// foundation's <c>postgres_address</c>, read from its state, so the other targets need no copied
/// value; or, when a site holds it, the address the operator gives.
/// </summary>
internal static class SystemOfRecord
{
    private const string State = "system_of_record";

    /// <summary>The address, or "" on the primary and with in-cluster stores.</summary>
    public static HclExpression Address(DeploymentModel model, EnvironmentPlan environment, CloudTarget target, RootBuilder root)
    {
        if (target.Stores != StoreMode.Managed || target.Cloud == environment.PrimaryCloud)
        {
            return "";
        }

        var primary = environment.Primary;
        if (primary.Cloud == Cloud.OnPrem)
        {
            root.Variable("system_of_record_address", "string", $"The address of the site's PostgreSQL (the system of record on {primary.Key}), reached over the private interconnect.", null);
            return new HclReference("var.system_of_record_address");
        }

        return root.StateOutput(State, StateBackend.ForStage(model.Naming, environment, primary, TerraformStage.Foundation), "postgres_address");
    }
}
