using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiNow.Data;

/// <summary>Registers the AI-Now data access classes.</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>The Aspire connection name of the AI-Now database.</summary>
    public const string ConnectionName = "ainowdb";

    /// <summary>
    /// Adds the <c>ainowdb</c> NpgsqlDataSource (with its health check and telemetry), <see cref="SchemaMigrator"/>,
    /// <see cref="UsageLedger"/>, <see cref="BatchJobStore"/> and <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAiNowData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNpgsqlDataSource(ConnectionName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<UsageLedger>();
        builder.Services.AddSingleton<BatchJobStore>();
        return builder;
    }
}
