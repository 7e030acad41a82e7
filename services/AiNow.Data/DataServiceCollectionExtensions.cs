using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using AiNow.Contracts;

namespace AiNow.Data;

/// <summary>Registers the AI-Now data access classes.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>The Aspire connection name of the AI-Now database.</summary>
    public const string ConnectionName = ResourceNames.Database;

    /// <summary>
    /// Adds the <c>ainowdb</c> NpgsqlDataSource (with its health check and telemetry), <see cref="SchemaMigrator"/>,
    /// <see cref="UsageLedger"/>, <see cref="BatchJobStore"/> and <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="timeouts">How long to wait on the database; null keeps Npgsql's defaults (the migrations' long DDL).</param>
    public static IHostApplicationBuilder AddAiNowData(this IHostApplicationBuilder builder, DatabaseTimeouts? timeouts = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNpgsqlDataSource(ConnectionName,
            configureDataSourceBuilder: dataSource => timeouts?.ApplyTo(dataSource.ConnectionStringBuilder));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<UsageLedger>();
        builder.Services.AddSingleton<IUsageRecorder>(provider => provider.GetRequiredService<UsageLedger>());
        builder.Services.AddSingleton<BatchJobStore>();
        return builder;
    }
}
