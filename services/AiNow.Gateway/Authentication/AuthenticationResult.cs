namespace AiNow.Gateway.Authentication;

/// <summary>Why a request was not authenticated, ready to become a problem response.</summary>
public sealed record AuthenticationFailure(int StatusCode, string Reason, string Title, string Detail);

/// <summary>Either the caller or the failure.</summary>
public sealed record AuthenticationResult(GatewayCaller? Caller, AuthenticationFailure? Failure)
{
    public static AuthenticationResult Success(GatewayCaller caller) => new(caller, null);

    public static AuthenticationResult Fail(int statusCode, string reason, string title, string detail) =>
        new(null, new AuthenticationFailure(statusCode, reason, title, detail));
}
