using System.Net;
using AiNow.Contracts.Inference;
using AiNow.Data;
using AiNow.Worker.Processing;

namespace AiNow.Worker.Tests;

public sealed class AttemptFailureTests
{
    public static TheoryData<string, string, bool> InferenceFailures => new()
    {
        { "unavailable", BatchJobErrors.InferenceUnavailable, false },
        { "unavailable 503", BatchJobErrors.InferenceUnavailable, false },
        { "failed 500", BatchJobErrors.InferenceError, true },
        { "failed 400", BatchJobErrors.InferenceError, true },
        { "invalid response", BatchJobErrors.InvalidInferenceResponse, true },
        { "failed without status", BatchJobErrors.InferenceError, true },
    };

    [Theory]
    [MemberData(nameof(InferenceFailures))]
    public void Of_InferenceCallException_MapsItsKindToAStableCode(string failure, string error, bool countsAsAttempt)
    {
        var exception = failure switch
        {
            "unavailable" => new InferenceCallException(InferenceFailureKind.Unavailable, "Connection refused (inference:8080)"),
            "unavailable 503" => new InferenceCallException(InferenceFailureKind.Unavailable, "503") { StatusCode = HttpStatusCode.ServiceUnavailable },
            "failed 500" => new InferenceCallException(InferenceFailureKind.Failed, "500") { StatusCode = HttpStatusCode.InternalServerError },
            "failed 400" => new InferenceCallException(InferenceFailureKind.Failed, "400") { StatusCode = HttpStatusCode.BadRequest },
            "invalid response" => new InferenceCallException(InferenceFailureKind.InvalidResponse, "1 vectors for 2 inputs"),
            _ => new InferenceCallException("failed"),
        };

        Assert.Equal(new AttemptFailure(error, countsAsAttempt), AttemptFailure.Of(exception));
    }

    [Fact]
    public void Of_InputTooLong_FailsTheJobForGoodNamingTheText()
    {
        var exception = new InferenceCallException(InferenceFailureKind.InputTooLong, "400") { InputIndex = 7, StatusCode = HttpStatusCode.BadRequest };

        Assert.Equal(new AttemptFailure(BatchJobErrors.InputTooLong(7), CountsAsAttempt: true, ForGood: true), AttemptFailure.Of(exception));
    }
}
