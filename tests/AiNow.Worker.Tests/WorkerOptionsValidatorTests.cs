using AiNow.Worker.Extensions;
using AiNow.Worker.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiNow.Worker.Tests;

public sealed class WorkerOptionsValidatorTests
{
    private const string SigningKey = "signing-key-for-tests-0123456789";

    [Fact]
    public void Validate_DefaultsWithASigningKey_Succeeds()
    {
        Assert.True(new WorkerOptionsValidator().Validate(null, new WorkerOptions { SigningKey = SigningKey }).Succeeded);
    }

    [Fact]
    public void Validate_NoSigningKey_FailsNamingTheParameter()
    {
        var result = new WorkerOptionsValidator().Validate(null, new WorkerOptions());

        Assert.Contains("tenant-signing-key", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(WorkerOptions.LeaseSeconds), 0, "Worker:LeaseSeconds is 0")]
    [InlineData(nameof(WorkerOptions.LeaseSeconds), 3601, "Worker:LeaseSeconds is 3601")]
    [InlineData(nameof(WorkerOptions.PollMilliseconds), 10, "Worker:PollMilliseconds is 10")]
    [InlineData(nameof(WorkerOptions.ChunkSize), 0, "Worker:ChunkSize is 0")]
    [InlineData(nameof(WorkerOptions.ChunkSize), 1025, "Worker:ChunkSize is 1025")]
    [InlineData(nameof(WorkerOptions.BatchRetentionHours), 0, "Worker:BatchRetentionHours is 0")]
    [InlineData(nameof(WorkerOptions.BatchRetentionHours), 8761, "Worker:BatchRetentionHours is 8761")]
    [InlineData(nameof(WorkerOptions.RetentionSweepMinutes), 0, "Worker:RetentionSweepMinutes is 0")]
    public void Validate_OutOfRange_FailsNamingTheSetting(string setting, int value, string expected)
    {
        var options = new WorkerOptions { SigningKey = SigningKey };
        typeof(WorkerOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new WorkerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.Contains("set it between", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_InvalidWorkerSection_FailsBeforeProcessingStarts()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ainowdb"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Worker:ChunkSize"] = "0",
            ["Worker:LeaseSeconds"] = "1",
        });
        builder.AddApplicationServices();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, failure => failure.StartsWith("Worker:ChunkSize is 0", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.StartsWith("Worker:LeaseSeconds is 1", StringComparison.Ordinal));
    }
}
