namespace AiNow.Api.Apis;

/// <summary>Ids in routes are GUIDs; anything else names a resource that cannot exist, so it is a 404.</summary>
internal static class RouteIds
{
    public static bool TryParse(string value, out Guid id) => Guid.TryParse(value, out id);

    public static string NotAGuid(string what, string value) =>
        $"No {what} has the id '{value}': {what} ids are GUIDs such as 0195f0c2-7c1e-7d3a-9b5e-3f1a2b4c5d6e.";
}
