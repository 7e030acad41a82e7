using AiNow.Gateway.Extensions;
using AiNow.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewaySecurityHeaders();
app.UseGatewayErrorHandling();
app.MapDefaultEndpoints();
app.MapGateway();

app.Run();
