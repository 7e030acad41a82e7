using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using AiNow.AppHost.LocalInfrastructure;

namespace AiNow.AppHost.Tests;

/// <summary>The processes-mode Garnet server (local/AiNow.LocalGarnet), run as the AppHost runs it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalGarnetTests : IDisposable
{
    private const string Ready = "Garnet is ready";
    private const string Password = "test-password";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private readonly string _root = Directory.CreateTempSubdirectory("ainow-garnet-").FullName;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task WithoutAPassword_RefusesToStart_NamingTheSettingAndItsSource(string? password)
    {
        using var garnet = StartGarnet(password, TestProcess.FreeLoopbackPort(), dataDirectory: null);

        var exitCode = await garnet.WaitForExitAsync(s_timeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("GARNET_PASSWORD", garnet.Output, StringComparison.Ordinal);
        Assert.Contains("redis-password", garnet.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAPassword_AnswersOnlyClientsThatAuthenticate()
    {
        var port = TestProcess.FreeLoopbackPort();
        using var garnet = StartGarnet(Password, port, dataDirectory: null);
        await garnet.WaitForOutputAsync(Ready, s_timeout);

        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(s_timeout);
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var connection = client.GetStream();

        Assert.StartsWith("-NOAUTH", await SendAsync(connection, timeout.Token, "PING"), StringComparison.Ordinal);
        Assert.StartsWith("-", await SendAsync(connection, timeout.Token, "AUTH", "not-the-password"), StringComparison.Ordinal);
        Assert.Equal("+OK", await SendAsync(connection, timeout.Token, "AUTH", Password));
        Assert.Equal("+PONG", await SendAsync(connection, timeout.Token, "PING"));
    }

    [Fact]
    public async Task RunsLuaScripts_WhichTheCacheBudgetAndTheRateLimitCountersNeed()
    {
        var port = TestProcess.FreeLoopbackPort();
        using var garnet = StartGarnet(Password, port, dataDirectory: null);
        await garnet.WaitForOutputAsync(Ready, s_timeout);

        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(s_timeout);
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var connection = client.GetStream();
        Assert.Equal("+OK", await SendAsync(connection, timeout.Token, "AUTH", Password));

        Assert.Equal(":1", await SendAsync(connection, timeout.Token, "EVAL", "return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)", "1", "ainow:rl:lua-probe", "7"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DataFolder_IsOwnerOnly_WhetherNewOrLeftOpen(bool existsOpen)
    {
        var data = Path.Combine(_root, "redis");
        if (existsOpen)
        {
            Directory.CreateDirectory(data);
            File.SetUnixFileMode(data, (UnixFileMode)0b111_111_111);
        }

        using var garnet = StartGarnet(Password, TestProcess.FreeLoopbackPort(), data);
        await garnet.WaitForOutputAsync(Ready, s_timeout);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TestProcess StartGarnet(string? password, int port, string? dataDirectory) =>
        TestProcess.Start("dotnet", [LocalProcessExtensions.LocalGarnetAssembly()], new Dictionary<string, string?>
        {
            ["GARNET_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["GARNET_PASSWORD"] = password,
            ["GARNET_DATA_DIR"] = dataDirectory,
        });

    /// <summary>Sends a command in RESP and returns the first line of the answer.</summary>
    private static async Task<string> SendAsync(NetworkStream connection, CancellationToken cancellationToken, params string[] command)
    {
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await connection.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);

        var answer = new StringBuilder();
        var buffer = new byte[1];
        while (!answer.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            if (await connection.ReadAsync(buffer, cancellationToken) == 0)
            {
                Assert.Fail($"Garnet closed the connection after '{answer}'.");
            }

            answer.Append((char)buffer[0]);
        }

        return answer.ToString().TrimEnd();
    }
}
