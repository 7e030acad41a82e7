using AiNow.AppHost;
using AiNow.Contracts;

var builder = DistributedApplication.CreateBuilder(args);
builder.AddDeploymentTargets();

// Secrets and settings
var adminKey = builder.AddSecretParameter("admin-key");
var signingKey = builder.AddSecretParameter("tenant-signing-key");
var llmEndpoint = builder.AddOptionalParameter("llm-endpoint");
var llmApiKey = builder.AddOptionalParameter("llm-api-key", secret: true);

// Infrastructure: PostgreSQL (database "ainowdb") and Redis
var (database, cache) = builder.AddDataStores();

// Services. Only the stores and the schema gate start-up: a service whose HTTP dependency is not up
// yet answers 503 or retries, as it must in a cluster, so the services start side by side.
var inference = builder.AddService<Projects.AiNow_Inference>(ResourceNames.Inference)
    .WithUpstreamLlm(llmEndpoint, llmApiKey)
    .WithEnvironment("Inference__SigningKey", signingKey)
    .WithDirectEndpoint()
    .WithReadinessCheck();

var migrations = builder.AddService<Projects.AiNow_Migrations>(ResourceNames.Migrations)
    .WithReference(database).WaitFor(database);

var api = builder.AddService<Projects.AiNow_Api>(ResourceNames.Api)
    .WithReference(database).WaitForCompletion(migrations)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inference)
    .WithEnvironment("Api__SigningKey", signingKey)
    .WithReadinessCheck();

builder.AddService<Projects.AiNow_Worker>(ResourceNames.Worker)
    .WithReference(database).WaitForCompletion(migrations)
    .WithReference(inference)
    .WithEnvironment("Worker__SigningKey", signingKey)
    .WithReadinessCheck();

// The only public entry
builder.AddService<Projects.AiNow_Gateway>(ResourceNames.Gateway)
    .WithReference(api)
    .WithReference(cache).WaitFor(cache)
    .WithEnvironment("Gateway__AdminKey", adminKey)
    .WithEnvironment("Gateway__SigningKey", signingKey)
    .WithExternalHttpEndpoints()
    .WithReadinessCheck();

builder.Build().Run();
