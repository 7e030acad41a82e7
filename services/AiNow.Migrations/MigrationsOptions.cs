namespace AiNow.Migrations;

/// <summary>The migrator's settings, section <c>Migrations</c>.</summary>
internal sealed class MigrationsOptions
{
    public const string SectionName = "Migrations";

    /// <summary>
    /// The login role the api and worker connect as (<c>Migrations:RuntimeRole</c>, env <c>Migrations__RuntimeRole</c>).
    /// When set, the migrator creates or updates it after the schema with only the privileges the services need;
    /// when unset, no role is touched.
    /// </summary>
    public string? RuntimeRole { get; set; }

    /// <summary>
    /// The runtime role's password (<c>Migrations:RuntimeRolePassword</c>, env <c>Migrations__RuntimeRolePassword</c>), a secret:
    /// it reaches the server only as a SCRAM verifier and is never logged. Running the migrator with a new value rotates it.
    /// </summary>
    public string? RuntimeRolePassword { get; set; }
}
