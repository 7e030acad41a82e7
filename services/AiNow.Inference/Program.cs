using AiNow.Inference.Extensions;
using AiNow.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.UseInferencePipeline();
app.Run();
