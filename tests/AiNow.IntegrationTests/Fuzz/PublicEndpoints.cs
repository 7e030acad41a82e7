namespace AiNow.IntegrationTests.Fuzz;

/// <summary>Which credential a path asks for: <c>/v1</c> a tenant key, <c>/admin</c> the admin key.</summary>
internal enum Scope
{
    Tenant,
    Admin,
}

/// <summary>The JSON body an endpoint reads; <see cref="None"/> for those that read none (a body sent to them is ignored).</summary>
internal enum BodyKind
{
    None,
    Embeddings,
    Chat,
    Batch,
    Tenant,
}

/// <summary>
/// An endpoint of the public API, as the api maps it behind the gateway. <see cref="ServedStatus"/> is the
/// answer to a valid request; for paths with an id it assumes an id that names nothing (see <see cref="Served"/>).
/// </summary>
internal sealed record PublicEndpoint(string Method, string Path, Scope Scope, BodyKind Body, int ServedStatus)
{
    /// <summary>Where a path takes an id.</summary>
    public const string IdSlot = "{id}";

    /// <summary>
    /// Every public endpoint. Chat is served 503 here: no upstream LLM is configured in the test platform, and
    /// "not configured" is what chat must answer then.
    /// </summary>
    public static readonly IReadOnlyList<PublicEndpoint> All =
    [
        new("POST", "/v1/embeddings", Scope.Tenant, BodyKind.Embeddings, 200),
        new("POST", "/v1/chat/completions", Scope.Tenant, BodyKind.Chat, 503),
        new("POST", "/v1/batches", Scope.Tenant, BodyKind.Batch, 202),
        new("GET", "/v1/batches/{id}", Scope.Tenant, BodyKind.None, 404),
        new("GET", "/v1/usage", Scope.Tenant, BodyKind.None, 200),
        new("POST", "/admin/tenants", Scope.Admin, BodyKind.Tenant, 201),
        new("GET", "/admin/tenants/{id}", Scope.Admin, BodyKind.None, 404),
        new("POST", "/admin/tenants/{id}/keys", Scope.Admin, BodyKind.None, 404),
    ];

    /// <summary>The endpoints that read a JSON body.</summary>
    public static readonly IReadOnlyList<PublicEndpoint> WithBody = [.. All.Where(e => e.Body != BodyKind.None)];

    public bool HasId => Path.Contains(IdSlot, StringComparison.Ordinal);

    /// <summary>
    /// The path with an id, and the status a valid request to it is served: the test tenant's own id finds it on
    /// the admin endpoints (200, or 201 for a new key); any other id, a random GUID, finds nothing.
    /// </summary>
    public (string Path, int Status) Served(Random random, bool ownTenant)
    {
        if (!HasId)
        {
            return (Path, ServedStatus);
        }

        if (ownTenant && Scope == Scope.Admin)
        {
            return (Path.Replace(IdSlot, FuzzSecrets.TenantIdPlaceholder, StringComparison.Ordinal), Method == "GET" ? 200 : 201);
        }

        return (Path.Replace(IdSlot, RandomGuid(random).ToString("D"), StringComparison.Ordinal), ServedStatus);
    }

    /// <summary>A GUID drawn from <paramref name="random"/>, so it is the same on every run of a seed.</summary>
    public static Guid RandomGuid(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    public override string ToString() => $"{Method} {Path}";
}
