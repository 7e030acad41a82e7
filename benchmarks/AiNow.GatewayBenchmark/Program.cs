using AiNow.GatewayBenchmark;

// One program, one job per mode: the orchestrating measurement starts the others as child processes, so that
// each server runs in its own process as the services do, and none shares a thread pool with the load generator.
return args switch
{
    ["measure", var workDirectory, var dataDirectory] => await GatewayMeasurement.RunAsync(workDirectory, dataDirectory),
    ["sizing", var workDirectory, var dataDirectory, var tableFile] => await SizingMeasurement.RunAsync(workDirectory, dataDirectory, tableFile),
    ["sink"] => await TelemetrySink.RunAsync(),
    ["bare-endpoint", var answerFile] => await BareEndpoint.RunAsync(answerFile),
    ["bare-proxy", var destination] => await BareProxy.RunAsync(new Uri(destination)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: AiNow.GatewayBenchmark measure <work-directory> <data-directory> | sink | bare-endpoint <answer-file> | bare-proxy <destination-url>");
    Console.Error.WriteLine("   or: AiNow.GatewayBenchmark sizing <work-directory> <data-directory> <table-file>");
    return 2;
}
