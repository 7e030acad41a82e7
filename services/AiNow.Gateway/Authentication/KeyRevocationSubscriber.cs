using AiNow.Contracts;
using StackExchange.Redis;

namespace AiNow.Gateway.Authentication;

/// <summary>
/// Listens on <see cref="KeyRevocations.Channel"/> and drops each revoked key from this replica's
/// <see cref="ApiKeyCache"/>, so a revocation takes effect in about a second instead of after
/// <c>Gateway:KeyCacheSeconds</c>. Redis re-subscribes by itself after a reconnect; while Redis is away
/// announcements are missed and a revoked key lives until its cache entry expires, which is the stated bound.
/// </summary>
public sealed partial class KeyRevocationSubscriber(IServiceProvider services, ApiKeyCache cache, ILogger<KeyRevocationSubscriber> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A subscription is only kept (and renewed on reconnects) once it succeeded; until then keep trying.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Resolved here, not injected: creating the connection can throw, and that must not stop the gateway.
                await services.GetRequiredService<IConnectionMultiplexer>().GetSubscriber().SubscribeAsync(RedisChannel.Literal(KeyRevocations.Channel), (_, hash) =>
                {
                    if (!hash.IsNullOrEmpty)
                    {
                        cache.Forget(hash.ToString());
                    }
                });
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogSubscribeFailed(logger, exception, s_retryInterval.TotalSeconds);
                await Task.Delay(s_retryInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not subscribe to key revocations; revoked keys stay cached until they expire. Retrying in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, double seconds);
}
