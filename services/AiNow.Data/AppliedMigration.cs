namespace AiNow.Data;

/// <summary>A schema script that <see cref="SchemaMigrator.ApplyAsync"/> applied.</summary>
/// <param name="Version">The script's version, the <c>NNNN</c> of <c>Schema/NNNN_name.sql</c>.</param>
/// <param name="Name">The script's name, the <c>name</c> of <c>Schema/NNNN_name.sql</c>.</param>
public sealed record AppliedMigration(int Version, string Name);
