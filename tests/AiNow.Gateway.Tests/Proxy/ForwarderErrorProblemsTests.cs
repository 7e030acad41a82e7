using AiNow.Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace AiNow.Gateway.Tests.Proxy;

public sealed class ForwarderErrorProblemsTests
{
    [Theory]
    [InlineData(ForwarderError.Request, 502, 503)]
    [InlineData(ForwarderError.NoAvailableDestinations, 503, 503)]
    [InlineData(ForwarderError.RequestTimedOut, 504, 504)]
    [InlineData(ForwarderError.RequestBodyClient, 400, 400)]
    [InlineData(ForwarderError.RequestBodyClient, 413, 413)]
    [InlineData(ForwarderError.RequestBodyDestination, 502, 502)]
    [InlineData(ForwarderError.ResponseHeaders, 502, 502)]
    [InlineData(ForwarderError.RequestCreation, 502, 502)]
    public void Describe_ForwarderError_MapsToAProblemStatus(ForwarderError error, int proxyStatus, int expectedStatus)
    {
        var problem = ForwarderErrorProblems.Describe(error, proxyStatus, exception: null, maxRequestBodyBytes: 1024);

        Assert.NotNull(problem);
        Assert.Equal(expectedStatus, problem.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    [Fact]
    public void Describe_ServerRefusedOversizedBody_Is413EvenIfWrapped()
    {
        var refusal = new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

        var problem = ForwarderErrorProblems.Describe(
            ForwarderError.RequestBodyClient, 400, new AggregateException(refusal, new IOException()), maxRequestBodyBytes: 1024);

        Assert.Equal(413, problem?.StatusCode);
        Assert.Contains("1024 bytes", problem?.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyCanceled)]
    public void Describe_ClientGone_WritesNothing(ForwarderError error) =>
        Assert.Null(ForwarderErrorProblems.Describe(error, 400, exception: null, maxRequestBodyBytes: 1024));
}
