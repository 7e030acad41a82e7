using AiNow.Data;
using AiNow.Migrations;
using AiNow.ServiceDefaults;

// Applies the database schema, then exits: 0 when the schema is current, 1 when it could not be applied.
var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.AddAiNowData();
builder.Services.AddHostedService<SchemaMigrationRunner>();

await builder.Build().RunAsync();
