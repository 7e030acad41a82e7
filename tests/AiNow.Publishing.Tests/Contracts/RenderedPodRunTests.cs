using System.Net;
using System.Net.Sockets;
using AiNow.Publishing.Tests.Infrastructure;
using AiNow.Testing;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AiNow.Publishing.Tests.Contracts;

/// <summary>
/// The dev overlay's migrations Job and api pod, run for real: the built services started with exactly
/// the configuration the rendered overlay gives them (ConfigMaps, plain variables, Secrets rendered
/// from the ExternalSecret templates), against a PostgreSQL server holding the database the overlay's
/// StatefulSet creates. Only the store's address is moved to this machine, and Redis is left
/// unreachable. The migrator must create the runtime role, api must connect as it and be ready.
/// </summary>
[Collection(PublishedGroup.Name)]
public sealed class RenderedPodRunTests(PublishedManifests published) : IAsyncLifetime
{
    private const string Overlay = "dev-onprem";

    /// <summary>Secret-store values with every character a connection string could trip on.</summary>
    private const string RuntimePassword = "rt\"pw;Host=evil=x' 0123456789abcdef";

    private readonly TemporaryPostgres _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task MigrationsJobThenApiPod_RunWithTheRenderedConfiguration_AndApiIsReadyAsTheRuntimeRole()
    {
        var overlay = published.Overlay(Overlay);
        var database = overlay.Single("StatefulSet", "postgres").As<V1StatefulSet>().Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "POSTGRES_DB").Value;
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using (var migrations = ServiceProcess.Start("AiNow.Migrations", Environment(overlay, "migrations")))
        {
            var exitCode = await migrations.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(exitCode == 0, $"migrations exited {exitCode}:\n{migrations.Output}");
        }

        var port = FreePort();
        var api = Environment(overlay, "api");
        api["HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var process = ServiceProcess.Start("AiNow.Api", api);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? health = null;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                health = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.True(health == "Healthy", $"api /health answered '{health}' (Redis is unreachable on purpose):\n{process.Output}");
        await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Database = database }.ConnectionString);
        await check.OpenAsync();
        await using var sessions = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = @role AND datname = @db", check);
        sessions.Parameters.AddWithValue("role", published.Model.Naming.RuntimeRole);
        sessions.Parameters.AddWithValue("db", database);
        Assert.True((long)(await sessions.ExecuteScalarAsync())! > 0, "api is not connected as the runtime role");
    }

    /// <summary>The pod's environment, with the stores moved to this machine (Redis to a closed port) and telemetry export off.</summary>
    private Dictionary<string, string> Environment(RenderedOverlay overlay, string workload)
    {
        var configuration = PodConfiguration.For(overlay, workload, remoteKey => remoteKey.EndsWith("-runtime-password", StringComparison.Ordinal) ? RuntimePassword : $"value-of-{remoteKey}-0123456789abcdef");
        var variables = configuration.AsEnumerable()
            .Where(v => v.Value is not null)
            .ToDictionary(v => v.Key.Replace(":", "__", StringComparison.Ordinal), v => v.Value!, StringComparer.Ordinal);
        if (variables.TryGetValue("ConnectionStrings__ainowdb", out var database))
        {
            variables["ConnectionStrings__ainowdb"] = new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = _postgres.Port }.ConnectionString;
        }

        if (variables.ContainsKey("ConnectionStrings__redis"))
        {
            variables["ConnectionStrings__redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=500";
        }

        foreach (var key in variables.Keys.Where(k => k.StartsWith("services__", StringComparison.Ordinal)).ToList())
        {
            variables[key] = "http://127.0.0.1:1";
        }

        variables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        return variables;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
