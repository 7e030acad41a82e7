using System.Text;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>
/// Generates the requests HttpClient sends, category by category, all drawn from one seeded
/// <see cref="Random"/>: the same seed gives the same cases, in the same order, with the same expectations.
/// The gateway refuses in a fixed order (unknown path 404, declared body over the limit 413, credentials
/// 401/403), so each case's expectation follows from which of those it trips first, then from its body.
/// </summary>
internal sealed class HttpCaseGenerator(int seed, long maxBodyBytes)
{
    private static readonly string[] s_notJsonContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz",
        "application/octet-stream", "text/html; charset=utf-8", "application/jsonx", "json", "application/x-json", "*/*", "text/json",
        "application/json/xml", ";", "",
    ];

    private static readonly string[] s_jsonContentTypes =
        ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/problem+json", "application/vnd.api+json"];

    private static readonly string[] s_oddMethods = ["PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "HEAD", "PROPFIND", "MKCOL", "LOCK", "FUZZ", "BREW"];

    private static readonly string[] s_unroutedPaths =
    [
        "/", "/internal/keys/resolve", "/v2/embeddings", "/v1x/usage", "/admin-tenants", "/.env", "/.git/config", "/favicon.ico",
        "/swagger/index.html", "/openapi/v1.json", "/metrics", "/actuator/env", "/server-status", "/%2e%2e/etc/passwd", "/wp-login.php",
    ];

    private static readonly int[] s_depths = [1, 8, 62, 63, 64, 65, 100, 1000, 50_000];

    /// <summary>Kestrel's default longest request line (its MaxRequestLineSize), which the gateway keeps.</summary>
    private const int KestrelMaxRequestLineBytes = 8 * 1024;

    private readonly Random _random = new(seed);

    /// <summary>Credentials that never authenticate, with how each side refuses them.</summary>
    private static IReadOnlyList<Credential> Refused(Random random) =>
    [
        Credential.None,
        new("scheme only", ["Bearer"], 401, 401),
        new("empty token", ["Bearer "], 401, 401),
        new("basic scheme", ["Basic dXNlcjpwYXNzd29yZA=="], 401, 401),
        new("other scheme", ["Token abc"], 401, 401),
        new("two tokens", [$"Bearer {Credential.TenantKey} extra"], 401, 401),
        new("tab after the scheme", [$"Bearer\t{Credential.TenantKey}"], 401, 401),
        new("no scheme", [Credential.TenantKey], 401, 401),
        new("two Authorization values", [$"Bearer {Credential.TenantKey}", $"Bearer {Credential.TenantKey}"], 401, 401),
        new("garbage token", [$"Bearer {HostileStrings.Pick(random, HostileStrings.HeaderSafe).Replace(' ', '_')}"], 401, 401),
        new("unknown key of the tenant shape", [$"Bearer ainow_{RandomToken(random, 43)}"], 401, 403),
        new("8 KiB key", [$"Bearer ainow_{new string('k', 8192)}"], 401, 401),
        new("admin key with a suffix", [$"Bearer {Credential.AdminKey}x"], 401, 401),
        Credential.Tenant,
        Credential.Admin,
    ];

    /// <summary>Generates <paramref name="count"/> cases, numbered from <paramref name="firstIndex"/>.</summary>
    public IReadOnlyList<HttpFuzzCase> Generate(int firstIndex, int count)
    {
        // Category weights: how much of the run each kind of abuse gets.
        (int Weight, Func<int, HttpFuzzCase> Make)[] categories =
        [
            (18, Credentials),
            (3, DeclaredOversizedBody),
            (2, ChunkedOversizedBody),
            (14, MalformedJson),
            (5, InvalidUtf8),
            (5, DeepNesting),
            (6, RandomJson),
            (7, ContentType),
            (20, HostileField),
            (6, HostileRoute),
            (6, OddMethod),
            (5, HeaderAbuse),
            (4, UnroutedPath),
            (1, Health),
            (3, WellFormed),
        ];
        var total = categories.Sum(c => c.Weight);
        var cases = new List<HttpFuzzCase>(count);
        for (var index = firstIndex; index < firstIndex + count; index++)
        {
            var draw = _random.Next(total);
            var category = categories.First(c => (draw -= c.Weight) < 0);
            cases.Add(category.Make(index));
        }

        return cases;
    }

    /// <summary>
    /// Every hostile string as the main text of every endpoint that reads a body, numbered from
    /// <paramref name="firstIndex"/>: the fields that are embedded, stored or forwarded each see every string once.
    /// </summary>
    public IReadOnlyList<HttpFuzzCase> SweepHostileTexts(int firstIndex)
    {
        var cases = new List<HttpFuzzCase>();
        foreach (var endpoint in PublicEndpoint.WithBody)
        {
            foreach (var hostile in HostileStrings.All)
            {
                var index = firstIndex + cases.Count;
                var body = FuzzBodies.WithHostileText(endpoint.Body, hostile, _random, seed, index);
                cases.Add(Case(index, $"hostile '{body.Variant}'", body.Valid ? Expected.Exactly(endpoint.ServedStatus) : Expected.Exactly(400),
                    endpoint.Method, endpoint.Path, Credential.For(endpoint.Scope), body.Bytes));
            }
        }

        return cases;
    }

    private HttpFuzzCase Credentials(int index)
    {
        var endpoint = PickEndpoint();
        var credential = Pick(Refused(_random));
        var (path, served) = endpoint.Served(_random, ownTenant: false);
        var expected = credential.RefusalOn(endpoint.Scope) is { } refusal ? Expected.Exactly(refusal) : Expected.Exactly(served);
        return Case(index, "credentials", expected, endpoint.Method, path, credential, ValidBody(endpoint, index));
    }

    private HttpFuzzCase DeclaredOversizedBody(int index)
    {
        var endpoint = PickEndpoint();
        var size = maxBodyBytes + 1 + (_random.Next(3) == 0 ? _random.Next(1, 1 << 20) : 0);
        var credential = Pick(Refused(_random));
        var (path, _) = endpoint.Served(_random, ownTenant: false);
        // The size is refused before the credential is looked at.
        return Case(index, "declared body over the limit", Expected.Exactly(413), endpoint.Method, path, credential,
            Filler(size), "application/json");
    }

    private HttpFuzzCase ChunkedOversizedBody(int index)
    {
        var endpoint = Pick(PublicEndpoint.WithBody);
        var size = maxBodyBytes + 1 + _random.Next(1 << 20);
        return Case(index, "chunked body over the limit", Expected.Exactly(413), endpoint.Method, endpoint.Path, Credential.For(endpoint.Scope),
            Filler(size), "application/json", chunked: true);
    }

    private HttpFuzzCase MalformedJson(int index) => BodyCase(index, "malformed JSON", endpoint => FuzzBodies.Malformed(endpoint.Body, _random, seed, index));

    private HttpFuzzCase InvalidUtf8(int index) => BodyCase(index, "invalid UTF-8", endpoint => FuzzBodies.InvalidUtf8(endpoint.Body, _random, seed, index));

    private HttpFuzzCase RandomJson(int index) => BodyCase(index, "random JSON", _ => FuzzBodies.RandomJson(_random));

    private HttpFuzzCase DeepNesting(int index)
    {
        var endpoint = Pick(PublicEndpoint.WithBody);
        var body = FuzzBodies.Nested(endpoint.Body, Pick(s_depths), _random, seed, index);
        return Case(index, $"deep nesting ({body.Variant})", body.Valid ? Expected.Exactly(endpoint.ServedStatus) : Expected.Exactly(400),
            endpoint.Method, endpoint.Path, Credential.For(endpoint.Scope), body.Bytes, "application/json");
    }

    private HttpFuzzCase HostileField(int index)
    {
        var endpoint = Pick(PublicEndpoint.WithBody);
        var body = FuzzBodies.WithHostile(endpoint.Body, HostileStrings.Pick(_random), _random, seed, index);
        return Case(index, $"hostile '{body.Variant}'", body.Valid ? Expected.Exactly(endpoint.ServedStatus) : Expected.Exactly(400),
            endpoint.Method, endpoint.Path, Credential.For(endpoint.Scope), body.Bytes, Pick(s_jsonContentTypes));
    }

    private HttpFuzzCase ContentType(int index)
    {
        var endpoint = PickEndpoint();
        var json = _random.Next(3) == 0;
        string? contentType = json ? Pick(s_jsonContentTypes) : _random.Next(8) == 0 ? null : Pick(s_notJsonContentTypes);
        var (path, served) = endpoint.Served(_random, ownTenant: false);
        var expected = endpoint.Body == BodyKind.None || json ? served : 415;
        return Case(index, "content type", Expected.Exactly(expected), endpoint.Method, path, Credential.For(endpoint.Scope),
            ValidBody(endpoint, index) ?? Encoding.UTF8.GetBytes("{\"ignored\": true}"), contentType, contentTypeGiven: true);
    }

    private HttpFuzzCase HostileRoute(int index)
    {
        var hostile = Uri.EscapeDataString(HostileStrings.Pick(_random));
        return _random.Next(4) switch
        {
            0 => Case(index, "hostile batch id", Expected.Exactly(404), "GET", $"/v1/batches/{hostile}", Credential.Tenant, null),
            1 => Case(index, "hostile tenant id", Expected.Exactly(404), "GET", $"/admin/tenants/{hostile}", Credential.Admin, null),
            2 => Case(index, "hostile tenant id for a key", Expected.Exactly(404), "POST", $"/admin/tenants/{hostile}/keys", Credential.Admin, null),
            _ => Case(index, "hostile query", Expected.Exactly(200), "GET", $"/v1/usage?q={hostile}&input={hostile}&{hostile}={hostile}", Credential.Tenant, null),
        };
    }

    private HttpFuzzCase OddMethod(int index)
    {
        var endpoint = PickEndpoint();
        var method = Pick(s_oddMethods);
        var (path, _) = endpoint.Served(_random, ownTenant: false);
        var credential = _random.Next(5) == 0 ? Credential.None : Credential.For(endpoint.Scope);
        // The api maps each path for one method: any other is 405, once the gateway let the caller through.
        var expected = credential.RefusalOn(endpoint.Scope) ?? 405;
        // HEAD and TRACE requests carry no body (RFC 9110).
        var body = method is "HEAD" or "TRACE" ? null : ValidBody(endpoint, index);
        return Case(index, "odd method", Expected.Exactly(expected), method, path, credential, body);
    }

    private HttpFuzzCase HeaderAbuse(int index)
    {
        var endpoint = PickEndpoint();
        var (path, served) = endpoint.Served(_random, ownTenant: false);
        var hostile = HostileStrings.Pick(_random, HostileStrings.HeaderSafe);
        var (variant, headers) = _random.Next(7) switch
        {
            0 => ("60 extra headers", Enumerable.Range(0, 60).Select(i => Header($"X-Fuzz-{i}", HostileStrings.Pick(_random, HostileStrings.HeaderSafe))).ToList()),
            1 => ("an 8 KiB header", [Header("X-Fuzz-Large", new string('h', 8192))]),
            2 => ("forwarding headers from an untrusted peer", [Header("X-Forwarded-For", hostile), Header("X-Forwarded-Proto", "https"),
                Header("X-Forwarded-Host", "evil.example"), Header("Forwarded", "for=evil;proto=https"), Header("X-Original-URL", "/admin/tenants"),
                Header("X-Rewrite-URL", "/admin/tenants"), Header("X-HTTP-Method-Override", "DELETE")]),
            3 => ("forged principal headers", [Header("X-AiNow-Principal", "admin"), Header("X-AiNow-Signature", hostile),
                Header("X-AiNow-Timestamp", "99999999999")]),
            4 => ("hostile request headers", [Header("User-Agent", hostile), Header("Referer", hostile), Header("Cookie", $"session={hostile}"),
                Header("X-Request-Id", hostile), Header("Accept-Language", hostile)]),
            5 => ("conditional and range headers", [Header("Range", "bytes=0-0"), Header("If-None-Match", "*"), Header("If-Modified-Since", hostile),
                Header("Accept", "text/html"), Header("Accept-Encoding", "gzip, br, deflate"), Header("Max-Forwards", "0")]),
            _ => ("Expect: 100-continue", [Header("Expect", "100-continue")]),
        };
        return Case(index, $"header abuse: {variant}", Expected.Exactly(served), endpoint.Method, path, Credential.For(endpoint.Scope),
            ValidBody(endpoint, index), headers: headers);
    }

    private HttpFuzzCase UnroutedPath(int index)
    {
        var path = _random.Next(2) == 0 ? Pick(s_unroutedPaths) : "/" + Uri.EscapeDataString(HostileStrings.Pick(_random));
        var credential = Pick(Refused(_random));
        // Paths outside /v1 and /admin are answered 404 before anything else is looked at.
        return Case(index, "unrouted path", Expected.Exactly(404), Pick(["GET", "POST", "DELETE"]), path, credential, null);
    }

    private HttpFuzzCase Health(int index)
    {
        var path = Pick(["/alive", "/health"]) + (_random.Next(2) == 0 ? $"?q={Uri.EscapeDataString(HostileStrings.Pick(_random))}" : "");
        return Case(index, "health", Expected.Exactly(200), "GET", path, Pick(Refused(_random)), null);
    }

    private HttpFuzzCase WellFormed(int index)
    {
        var endpoint = PickEndpoint();
        // Now and then the test tenant's own id, so the admin reads and key issue are seen succeeding too.
        var (path, served) = endpoint.Served(_random, ownTenant: _random.Next(3) == 0);
        var credential = _random.Next(4) == 0 && endpoint.Scope == Scope.Tenant
            ? new Credential("the tenant's key, scheme in lower case", [$"bearer {Credential.TenantKey}"], null, 403)
            : Credential.For(endpoint.Scope);
        return Case(index, "well-formed", Expected.Exactly(served), endpoint.Method, path, credential, ValidBody(endpoint, index),
            chunked: endpoint.Body != BodyKind.None && _random.Next(3) == 0);
    }

    private HttpFuzzCase BodyCase(int index, string category, Func<PublicEndpoint, FuzzBody> makeBody)
    {
        var endpoint = PickEndpoint();
        var body = makeBody(endpoint);
        var (path, served) = endpoint.Served(_random, ownTenant: false);
        // An endpoint that reads no body ignores whatever is sent to it.
        var expected = endpoint.Body == BodyKind.None || body.Valid ? served : 400;
        return Case(index, $"{category} ({body.Variant})", Expected.Exactly(expected), endpoint.Method, path, Credential.For(endpoint.Scope),
            body.Bytes, "application/json");
    }

    private byte[]? ValidBody(PublicEndpoint endpoint, int index) =>
        endpoint.Body == BodyKind.None ? null : FuzzBodies.Serialize(FuzzBodies.Valid(endpoint.Body, seed, index), _random);

    private static HttpFuzzCase Case(
        int index, string category, Expected expected, string method, string path, Credential credential, ReadOnlyMemory<byte>? body,
        string? contentType = null, bool chunked = false, bool contentTypeGiven = false, IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        new(index, category, expected, method, path, credential, headers ?? [], body,
            contentTypeGiven || body is null ? contentType : contentType ?? "application/json", chunked, ServerRefusesTarget(method, path));

    /// <summary>
    /// Whether Kestrel itself refuses the request line before the gateway sees it: longer than its limit
    /// (414), or with an encoded NUL, which it will not decode into a path (400).
    /// </summary>
    private static bool ServerRefusesTarget(string method, string path) =>
        method.Length + path.Length + " HTTP/1.1".Length + 1 > KestrelMaxRequestLineBytes
        || path.Contains("%00", StringComparison.OrdinalIgnoreCase);

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

    // One buffer serves every oversized body; only its length differs.
    private static readonly byte[] s_filler = Encoding.ASCII.GetBytes(new string('a', 4 << 20));

    private static ReadOnlyMemory<byte> Filler(long size) => s_filler.AsMemory(0, (int)size);

    private PublicEndpoint PickEndpoint() => Pick(PublicEndpoint.All);

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private static string RandomToken(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }
}
