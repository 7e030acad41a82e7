using AiNow.Migrations;
using AiNow.ServiceDefaults;

// Applies the database schema and, when Migrations:RuntimeRole is set, the runtime role's grants, then exits:
// 0 when both are current, 1 when they could not be applied.
var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.AddMigrations();

await builder.Build().RunAsync();
