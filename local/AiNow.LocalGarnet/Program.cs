using Garnet;

// Garnet, the Redis-compatible server, for the AppHost's "processes" mode. Settings arrive by
// environment so the password never appears on a command line or in the orchestrator's log.
var port = Environment.GetEnvironmentVariable("GARNET_PORT")
    ?? throw new InvalidOperationException("GARNET_PORT is not set.");
var password = Environment.GetEnvironmentVariable("GARNET_PASSWORD");
var dataDirectory = Environment.GetEnvironmentVariable("GARNET_DATA_DIR");

List<string> arguments = ["--port", port, "--bind", "127.0.0.1"];
if (!string.IsNullOrEmpty(password))
{
    arguments.AddRange(["--auth", "Password", "--password", password]);
}

if (!string.IsNullOrEmpty(dataDirectory))
{
    // Append-only file plus recovery at start: cached data and counters survive a restart. The
    // managed storage device avoids the native one, which needs a libaio this machine may lack.
    Directory.CreateDirectory(dataDirectory);
    arguments.AddRange(["--checkpointdir", dataDirectory, "--aof", "--recover", "--device-type", "RandomAccess"]);
}

using var server = new GarnetServer([.. arguments]);
server.Start();
Console.WriteLine($"Garnet is ready on 127.0.0.1:{port}");

using var stopped = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.Set(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.Set();
stopped.Wait();
