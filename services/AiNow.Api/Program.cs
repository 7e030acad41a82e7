using AiNow.Api.Extensions;
using AiNow.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapApis();

app.Run();
