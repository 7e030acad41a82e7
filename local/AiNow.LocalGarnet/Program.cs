using AiNow.AppHost.LocalInfrastructure;
using Garnet;

// Garnet, the Redis-compatible server, for the AppHost's "processes" mode. Settings arrive by
// environment so the password never appears on a command line or in the orchestrator's log.
var port = Environment.GetEnvironmentVariable("GARNET_PORT");
if (string.IsNullOrWhiteSpace(port))
{
    Console.Error.WriteLine("GARNET_PORT is not set: set it to the TCP port to listen on (the AppHost sets it from the redis endpoint).");
    return 2;
}

// Without a password any local process could read and change the cache, so there is no unauthenticated mode.
var password = Environment.GetEnvironmentVariable("GARNET_PASSWORD");
if (string.IsNullOrWhiteSpace(password))
{
    Console.Error.WriteLine(
        "GARNET_PASSWORD is not set, and the local Garnet server does not run without a password. Set GARNET_PASSWORD; " +
        "the AppHost sets it from its redis-password parameter, which it generates into its user secrets on first run " +
        "(an empty Parameters:redis-password overrides that: remove it or give it a value).");
    return 2;
}

// Lua is off in Garnet unless asked for; the api's cache budget and the gateway's rate-limit counters are scripts.
//
// No memory budget here, unlike Redis (see AiNow.AppHost/CacheMemoryPolicy.cs): Garnet has no maxmemory-policy.
// Its --memory bounds the in-memory log, and without a storage tier records past it are dropped oldest-written
// first, with or without an expiry, so a small bound could drop rate-limit counters, which volatile-lru never
// does. The local run keeps Garnet's default size; the per-tenant cache budgets still bound what each tenant stores.
List<string> arguments = ["--port", port, "--bind", "127.0.0.1", "--auth", "Password", "--password", password, "--lua"];

var dataDirectory = Environment.GetEnvironmentVariable("GARNET_DATA_DIR");
if (!string.IsNullOrEmpty(dataDirectory))
{
    // Append-only file plus recovery at start: cached data and counters survive a restart. The
    // managed storage device avoids the native one, which needs a libaio this machine may lack.
    PrivateDirectory.Ensure(dataDirectory);
    arguments.AddRange(["--checkpointdir", dataDirectory, "--aof", "--recover", "--device-type", "RandomAccess"]);
}

using var server = new GarnetServer([.. arguments]);
server.Start();
Console.WriteLine($"Garnet is ready on 127.0.0.1:{port}");

using var stopped = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.Set(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.Set();
stopped.Wait();
return 0;
