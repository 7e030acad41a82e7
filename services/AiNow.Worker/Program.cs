using AiNow.ServiceDefaults;
using AiNow.Worker.Extensions;

// Claims batch embedding jobs from the database and embeds their inputs through the inference service.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
