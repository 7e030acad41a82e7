using AiNow.Api.Extensions;
using AiNow.Contracts;

namespace AiNow.Api.Tests.Extensions;

public sealed class ApiOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new ApiOptionsValidation().Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(0, 10_000, "Api:MaxPendingBatchesPerTenant must be between 1 and 10000 (it is 0)")]
    [InlineData(10, EmbeddingModel.MaxInputsPerBatch - 1, "Api:MaxPendingBatchInputsPerTenant must be between 1024 and 10000000 (it is 1023)")]
    public void Validate_BatchQuotaOutOfRange_NamesTheSettingAndTheRange(int jobs, int inputs, string expected)
    {
        var options = Valid();
        options.MaxPendingBatchesPerTenant = jobs;
        options.MaxPendingBatchInputsPerTenant = inputs;

        var result = new ApiOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    private static ApiOptions Valid() => new() { SigningKey = "0123456789abcdef0123" };
}
