using StackExchange.Redis;

namespace AiNow.Testing;

/// <summary>A Redis client whose server is gone: nothing listens on its port, and commands fail at once instead of queueing.</summary>
public static class UnreachableRedis
{
    public static Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{LoopbackPorts.Free()},abortConnect=false,connectTimeout=200");
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
