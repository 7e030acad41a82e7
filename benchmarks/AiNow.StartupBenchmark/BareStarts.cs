using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiNow.AppHost.LocalInfrastructure;

namespace AiNow.StartupBenchmark;

/// <summary>The floor: the same start-up work with no orchestration around it.</summary>
internal static class BareStarts
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(1);

    /// <summary>initdb into a new folder, start the server, wait until it accepts connections.</summary>
    public static async Task<TimeSpan> PostgresAsync()
    {
        var bin = PostgresBinaries.Find() ?? throw new InvalidOperationException("No PostgreSQL server binaries found.");
        var root = Directory.CreateTempSubdirectory("ainow-bare-pg-").FullName;
        var data = Path.Combine(root, "data");
        var asServer = Environment.UserName == "root" ? "setpriv --reuid=postgres --regid=postgres --init-groups -- " : "";
        var port = FreePort();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await RunAsync("bash", $"-c \"{(asServer.Length > 0 ? "chown postgres:postgres " + root + " && " : "")}{asServer}{bin}/initdb -D {data} -U postgres --auth=trust >/dev/null\"");
            using var server = Process.Start(new ProcessStartInfo("bash", $"-c \"exec {asServer}{bin}/postgres -D {data} -p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={root}\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            try
            {
                while (await RunAsync($"{bin}/pg_isready", $"-q -h 127.0.0.1 -p {port}", throwOnFailure: false) != 0)
                {
                    Ensure(stopwatch, server, "PostgreSQL");
                    await Task.Delay(20);
                }

                return stopwatch.Elapsed;
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
        finally
        {
            DeleteQuietly(root);
        }
    }

    /// <summary>exec the built inference service and wait for /health to answer Healthy.</summary>
    public static async Task<TimeSpan> InferenceAsync()
    {
        var assembly = Directory.GetFiles(Path.Combine(RepositoryRoot(), "services", "AiNow.Inference", "bin"), "AiNow.Inference.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var port = FreePort();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var stopwatch = Stopwatch.StartNew();
        using var service = Process.Start(new ProcessStartInfo("dotnet", [assembly, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The platform's services refuse to start unsigned: the floor pays the same option validation.
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Inference__SigningKey"] = "startup-benchmark-signing-key" },
        })!;
        service.OutputDataReceived += (_, _) => { };
        service.BeginOutputReadLine();
        try
        {
            while (true)
            {
                Ensure(stopwatch, service, "inference");
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return stopwatch.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(20);
            }
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AiNow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the AI-Now repository.");
    }

    public static void DeleteQuietly(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void Ensure(Stopwatch stopwatch, Process process, string name)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"{name} exited during start-up with code {process.ExitCode}.");
        }

        if (stopwatch.Elapsed > s_limit)
        {
            throw new TimeoutException($"{name} did not become ready within {s_limit}.");
        }
    }

    private static async Task<int> RunAsync(string file, string arguments, bool throwOnFailure = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        return process.ExitCode != 0 && throwOnFailure
            ? throw new InvalidOperationException($"{file} {arguments} failed: {await process.StandardError.ReadToEndAsync()}")
            : process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
