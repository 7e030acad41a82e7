using AiNow.Worker.Processing;

namespace AiNow.Worker.Tests;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(50, 60)]
    [InlineData(int.MaxValue, 60)]
    public void Delay_Attempt_BetweenHalfAndFullOfCappedExponential(int attempt, int expectedSeconds)
    {
        var lowest = RetryBackoff.Delay(attempt, 0.0);
        var highest = RetryBackoff.Delay(attempt, 0.999999);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds / 2.0), lowest);
        Assert.InRange(highest, TimeSpan.FromSeconds(expectedSeconds * 0.999), TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Delay_AnyJitter_NeverExceedsCap()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(RetryBackoff.Delay(random.Next(1, 100), random.NextDouble()) <= RetryBackoff.MaxDelay);
        }
    }

    [Fact]
    public void Deferred_AnyJitter_BetweenFiveAndTenSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), RetryBackoff.Deferred(0.0));
        Assert.InRange(RetryBackoff.Deferred(0.999999), TimeSpan.FromSeconds(9.99), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    public void Delay_OutOfRangeArguments_Throws(int attempt, double jitterSample)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Delay(attempt, jitterSample));
    }
}
