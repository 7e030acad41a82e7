using System.Net;
using AiNow.Api.Tenants;
using AiNow.Api.Tests.Support;
using AiNow.Contracts;
using AiNow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiNow.Api.Tests.Apis;

/// <summary>
/// <c>POST /admin/tenants</c> over the real <see cref="TenantStore"/> on PostgreSQL: a taken name is refused by
/// the database's unique name, race-free, not by a stand-in's own check.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class TenantCreationOnPostgresTests(TemporaryPostgres postgres) : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await MigratedDatabase.CreateAsync(postgres);
        _database = NpgsqlDataSource.Create(connectionString);
        _host = await ApiTestHost.StartAsync(connectionString, services => services.AddSingleton<ITenantStore, TenantStore>());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task CreateTenant_DuplicateName_Is409Problem()
    {
        const string json = """{"name":"acme","rateLimitPerMinute":60}""";
        using var first = await _host.SendAsync(HttpMethod.Post, "/admin/tenants", Principal.Admin, json);

        using var second = await _host.SendAsync(HttpMethod.Post, "/admin/tenants", Principal.Admin, json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict, "A tenant named 'acme' already exists");
        Assert.Equal(("tenant.create", "failure", "none"), _host.AuditEvents[^1]);
        Assert.Equal(1, await TenantsNamedAsync("acme"));
        Assert.Empty(_host.Tenants.FindAll("acme"));
    }

    [Fact]
    public async Task CreateTenant_SameNameConcurrently_CreatesOneAndRefusesTheOthersWith409()
    {
        const string json = """{"name":"race","rateLimitPerMinute":60}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _host.SendAsync(HttpMethod.Post, "/admin/tenants", Principal.Admin, json)));

        try
        {
            Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
            Assert.Equal(7, responses.Count(response => response.StatusCode == HttpStatusCode.Conflict));
            Assert.Equal(1, await TenantsNamedAsync("race"));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private async Task<long> TenantsNamedAsync(string name)
    {
        await using var command = _database.CreateCommand("SELECT count(*) FROM tenants WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
