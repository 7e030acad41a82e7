namespace AiNow.Api.Http;

/// <summary>
/// The RFC 7807 problems the api answers with. Every <c>detail</c> says what is wrong and how to fix it,
/// because it is often all a client developer sees.
/// </summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult Unauthorized(string detail) => Create(StatusCodes.Status401Unauthorized, "Unauthenticated", detail);

    public static IResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult BadGateway(string detail) => Create(StatusCodes.Status502BadGateway, "Upstream error", detail);

    public static IResult ServiceUnavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

    /// <summary>A problem with any status, for statuses decided at run time.</summary>
    public static IResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
