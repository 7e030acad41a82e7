using AiNow.Data;
using Microsoft.Extensions.Options;

namespace AiNow.Migrations;

internal static class MigrationServiceExtensions
{
    /// <summary>Adds the data classes, the validated <c>Migrations</c> options, the runtime role grants and the run-once runner.</summary>
    public static IHostApplicationBuilder AddMigrations(this IHostApplicationBuilder builder)
    {
        builder.AddAiNowData();
        builder.Services.AddOptions<MigrationsOptions>()
            .BindConfiguration(MigrationsOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MigrationsOptions>, MigrationsOptionsValidator>();
        builder.Services.AddSingleton<RuntimeRoleGrants>();
        builder.Services.AddHostedService<SchemaMigrationRunner>();
        return builder;
    }
}
