using AiNow.Data;
using Microsoft.Extensions.Options;

namespace AiNow.Migrations;

/// <summary>Stops the migrator before it connects when the runtime role settings cannot work, naming the setting and the fix.</summary>
internal sealed class MigrationsOptionsValidator : IValidateOptions<MigrationsOptions>
{
    private const string RoleKey = MigrationsOptions.SectionName + ":" + nameof(MigrationsOptions.RuntimeRole);
    private const string PasswordKey = MigrationsOptions.SectionName + ":" + nameof(MigrationsOptions.RuntimeRolePassword);

    public ValidateOptionsResult Validate(string? name, MigrationsOptions options)
    {
        if (string.IsNullOrEmpty(options.RuntimeRole))
        {
            return string.IsNullOrEmpty(options.RuntimeRolePassword)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{PasswordKey} is set but {RoleKey} is not, so the password would be ignored. " +
                    $"Set {RoleKey} (env Migrations__RuntimeRole) to the role the api and worker connect as, e.g. 'ainow_app', or remove the password.");
        }

        var failures = new List<string>();
        if (RuntimeRoleGrants.ValidateRoleName(options.RuntimeRole) is { } roleProblem)
        {
            failures.Add(
                $"{RoleKey} {roleProblem}. Use a plain lower-case SQL identifier such as 'ainow_app', " +
                "the same user name the api's and worker's ConnectionStrings__ainowdb use.");
        }

        if (RuntimeRoleGrants.ValidatePassword(options.RuntimeRolePassword) is { } passwordProblem)
        {
            failures.Add(
                $"{PasswordKey} {passwordProblem}. Set the secret (env Migrations__RuntimeRolePassword) to a generated value " +
                "such as the output of 'openssl rand -base64 32', the same password the api's and worker's connection strings use.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
