namespace AiNow.IntegrationTests.Fuzz;

/// <summary>
/// Generates the requests written to the socket byte for byte: request smuggling, broken framing, headers and
/// request lines no client library would send. Each says which answers the server may give: the application's
/// (with the statuses it must have), or for framing it cannot parse, its own bodiless refusal or none at all.
/// </summary>
internal sealed class RawCaseGenerator(int seed)
{
    private const string TenantAuthorization = $"Authorization: Bearer {Credential.TenantKey}";
    private const string AdminAuthorization = $"Authorization: Bearer {Credential.AdminKey}";
    private const string Close = "Connection: close";
    private const string Json = "Content-Type: application/json";
    private const string ValidEmbeddingsBody = "{\"input\":\"raw\"}";

    private static readonly string[] s_transferEncodings =
        ["chunked", "Chunked", " chunked", "chunked ", "\tchunked", "chunked, identity", "identity, chunked", "xchunked", "gzip, chunked", "chunked;q=1", "chunked\v"];

    private readonly Random _random = new(seed);
    private readonly List<RawFuzzCase> _cases = [];
    private int _index;

    /// <summary>Every raw case, numbered from <paramref name="firstIndex"/>.</summary>
    public IReadOnlyList<RawFuzzCase> Generate(int firstIndex)
    {
        _index = firstIndex;
        Smuggling();
        SmugglingWithAServableHiddenRequest();
        ContentLengths();
        ChunkedBodies();
        HeaderSyntax();
        OversizedParts();
        RequestLines();
        HostHeaders();
        TruncatedRequests();
        Pipelining();
        OddButValid();
        return _cases;
    }

    /// <summary>Transfer-Encoding and Content-Length together, with a second request hidden behind the first's body.</summary>
    private void Smuggling()
    {
        foreach (var transferEncoding in s_transferEncodings)
        {
            foreach (var lengthFirst in new[] { true, false })
            {
                foreach (var authorization in new[] { TenantAuthorization, "" })
                {
                    var hidden = Request("GET", $"/admin/tenants/{PublicEndpoint.RandomGuid(_random)}", [Close]);
                    var body = "0\r\n\r\n" + hidden;
                    // Half the time the length covers only the empty chunk (a front end reading the length would
                    // see the hidden request as the next one), half the time the whole body.
                    var length = $"Content-Length: {(_random.Next(2) == 0 ? 5 : body.Length)}";
                    var framing = lengthFirst
                        ? new[] { length, $"Transfer-Encoding: {transferEncoding}" }
                        : [$"Transfer-Encoding: {transferEncoding}", length];
                    Add("smuggling", $"Transfer-Encoding '{transferEncoding}' with Content-Length", Expected.Refusal, RawLeniency.Malformed,
                        Request("POST", "/v1/embeddings", [authorization, Json, .. framing], body));
                }
            }
        }
    }

    /// <summary>
    /// The hidden request carries the tenant's key: if the server ever takes it as a request of its own after
    /// honouring both framings' disagreement, it is served (200), which the expectation forbids.
    /// </summary>
    private void SmugglingWithAServableHiddenRequest()
    {
        var hidden = Request("GET", "/v1/usage", [TenantAuthorization, Close]);
        foreach (var length in new[] { 5, 5 + hidden.Length })
        {
            Add("smuggling", $"Transfer-Encoding with Content-Length {length}, hiding a servable request", Expected.Refusal, RawLeniency.Malformed,
                Request("POST", "/v1/embeddings", [Json, $"Content-Length: {length}", "Transfer-Encoding: chunked"], "0\r\n\r\n" + hidden));
        }
    }

    private void ContentLengths()
    {
        string[][] lengths = [["5, 5"], ["+15"], ["-1"], ["0x0F"], [" 15 "], ["15.0"], ["99999999999999999999"], [""], ["abc"], ["1 5"], ["15", "16"], ["15", "15"]];
        foreach (var values in lengths)
        {
            // Without credentials the application's answer can only be 401: whatever the server makes of the length, nothing is served.
            Add("content length", $"Content-Length [{string.Join(" | ", values)}]", Expected.Refusal, RawLeniency.Malformed,
                Request("POST", "/v1/embeddings", [Json, .. values.Select(v => $"Content-Length: {v}"), Close], ValidEmbeddingsBody));
        }
    }

    private void ChunkedBodies()
    {
        string[] bodies =
        [
            "zz\r\n{}\r\n0\r\n\r\n",
            "-1\r\n{}\r\n0\r\n\r\n",
            "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
            "5\r\n{}\r\n0\r\n\r\n",
            "2\r\n{}0\r\n\r\n",
            "2\r\n{}\r\n",
            "2;" + new string('e', 10_000) + "\r\n{}\r\n0\r\n\r\n",
        ];
        foreach (var body in bodies)
        {
            foreach (var (path, authorization) in new[] { ("/v1/embeddings", TenantAuthorization), ("/admin/tenants", AdminAuthorization) })
            {
                Add("chunked framing", $"broken chunked body to {path}", Expected.Refusal, RawLeniency.Malformed,
                    Request("POST", path, [authorization, Json, "Transfer-Encoding: chunked", Close], body));
            }
        }
    }

    private void HeaderSyntax()
    {
        // Forbidden by RFC 9112: the server must not act on the request.
        (string Name, string Lines)[] invalid =
        [
            ("bare CR in a value", "X-Fuzz: a\rb\r\n"),
            ("NUL in a value", "X-Fuzz: a\0b\r\n"),
            ("space in a name", "Bad Header: x\r\n"),
            ("space before the colon", $"Authorization : Bearer {Credential.TenantKey}\r\n"),
            ("no colon", "NoColon\r\n"),
            ("name with a separator", "X(Fuzz): b\r\n"),
            ("empty name", ": x\r\n"),
        ];
        foreach (var (name, lines) in invalid)
        {
            Add("header syntax", name, Expected.Refusal, RawLeniency.Malformed, RequestWithRawHeaders("GET", "/v1/usage", lines));
        }

        // Tolerated or refused, both as the RFC allows: a server may accept these, and then the request is valid.
        (string Name, string Lines)[] tolerable =
        [
            ("bare LF line ends", $"{TenantAuthorization}\nX-Fuzz: a\n"),
            ("folded header line", "X-Fuzz: a\r\n b\r\n"),
            ("invalid UTF-8 in a value", "X-Fuzz: \u00FF\u00FE\r\n"),
            ("Latin-1 in a value", "X-Fuzz: caf\u00E9\r\n"),
            ("UTF-8 in a value", "X-Fuzz: caf\u00C3\u00A9\r\n"),
            ("DEL in a value", "X-Fuzz: a\u007Fb\r\n"),
            // Kestrel limits the headers' total size, not a name's length: 10 KiB of name fits in its 32 KiB.
            ("a 10 KiB header name", new string('N', 10_000) + ": v\r\n"),
        ];
        foreach (var (name, lines) in tolerable)
        {
            Add("header syntax", name, Expected.Exactly(200), RawLeniency.Malformed,
                RequestWithRawHeaders("GET", "/v1/usage", name == "bare LF line ends" ? lines : TenantAuthorization + "\r\n" + lines));
        }

        Add("header syntax", "CR LF ending the key and starting a forged principal header", Expected.Exactly(200), RawLeniency.None,
            Request("GET", "/v1/usage", [TenantAuthorization + "\r\nX-AiNow-Principal: admin", Close]));
        foreach (var authorizations in new[] { new[] { TenantAuthorization, TenantAuthorization }, ["Authorization: Bearer garbage", TenantAuthorization] })
        {
            Add("header syntax", "two Authorization header lines", Expected.Exactly(401), RawLeniency.None,
                Request("GET", "/v1/usage", [.. authorizations, Close]));
        }

        Add("header syntax", "two Authorization header lines on /admin", Expected.Exactly(401), RawLeniency.None,
            Request("GET", $"/admin/tenants/{PublicEndpoint.RandomGuid(_random)}", [AdminAuthorization, AdminAuthorization, Close]));
    }

    private void OversizedParts()
    {
        (string Name, string[] Headers, string Target)[] oversized =
        [
            ("a 40 KiB header", ["X-Fuzz: " + new string('v', 40_000)], "/v1/usage"),
            ("120 headers", [.. Enumerable.Range(0, 120).Select(i => $"X-Fuzz-{i}: v")], "/v1/usage"),
            ("33 KiB of headers", [.. Enumerable.Range(0, 40).Select(i => $"X-Fuzz-{i}: " + new string('v', 850))], "/v1/usage"),
            ("a 20 KiB request target", [], "/v1/usage?q=" + new string('q', 20_000)),
        ];
        foreach (var (name, headers, target) in oversized)
        {
            Add("oversized", name, Expected.Refusal, RawLeniency.Malformed, Request("GET", target, [TenantAuthorization, .. headers, Close]));
        }
    }

    private void RequestLines()
    {
        var guid = PublicEndpoint.RandomGuid(_random);
        (string Name, string Line, Expected Expected, RawLeniency Leniency)[] lines =
        [
            ("version 1.2", "GET /v1/usage HTTP/1.2", Expected.Refusal, RawLeniency.Malformed),
            ("version 2.0 in HTTP/1 syntax", "GET /v1/usage HTTP/2.0", Expected.Refusal, RawLeniency.Malformed),
            ("version 9.9", "GET /v1/usage HTTP/9.9", Expected.Refusal, RawLeniency.Malformed),
            ("lower-case version", "GET /v1/usage http/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("words after the version", "GET /v1/usage HTTP/1.1 extra", Expected.Refusal, RawLeniency.Malformed),
            ("no version (HTTP/0.9)", "GET /v1/usage", Expected.Refusal, RawLeniency.Malformed),
            ("method with a separator", "G@T /v1/usage HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("a 10 KiB method", new string('A', 10_000) + " /v1/usage HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("target without a slash", "GET v1/usage HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("space inside the target", "GET /v1/us age HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("NUL in the target", "GET /v1/usage\0 HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("encoded NUL in the target", "GET /v1/%00 HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("raw UTF-8 in the target", "GET /v1/\u00C3\u00A9 HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("invalid UTF-8 in the target", "GET /v1/%FF\u00FF HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("asterisk target", "GET * HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("OPTIONS *", "OPTIONS * HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("absolute form naming the internal api", "GET http://api/internal/keys/resolve HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("CONNECT to the internal api", "CONNECT api:80 HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("CONNECT to the gateway", $"CONNECT {RawFuzzCase.Host}:443 HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            // A fragment is not part of a request target (RFC 9112): taken as part of the path, it names nothing.
            ("fragment in the target", "GET /v1/usage#fragment HTTP/1.1", Expected.Refusal, RawLeniency.Malformed),
            ("two spaces between parts", "GET  /v1/usage  HTTP/1.1", Expected.Exactly(200), RawLeniency.Malformed),
            ("tabs between parts", "GET\t/v1/usage\tHTTP/1.1", Expected.Exactly(200), RawLeniency.Malformed),
            ("absolute form naming the gateway", $"GET http://{RawFuzzCase.Host}/v1/usage HTTP/1.1", Expected.Exactly(200), RawLeniency.None),
            ("upper-case path", "GET /V1/USAGE HTTP/1.1", Expected.Exactly(200), RawLeniency.None),
            ("percent-encoded 'v1'", "GET /%76%31/usage HTTP/1.1", Expected.Exactly(200), RawLeniency.None),
            // A tenant key must not reach /admin by spelling the path another way.
            ("percent-encoded 'admin'", $"GET /%61dmin/tenants/{guid} HTTP/1.1", Expected.Exactly(403), RawLeniency.None),
            ("dot segments into /admin", $"GET /v1/../admin/tenants/{guid} HTTP/1.1", Expected.Exactly(403), RawLeniency.None),
            ("encoded dot segments into /admin", $"GET /v1/%2e%2e/admin/tenants/{guid} HTTP/1.1", Expected.Exactly(403), RawLeniency.None),
            ("encoded slashes into /admin", $"GET /v1%2f..%2fadmin/tenants/{guid} HTTP/1.1", Expected.Refusal, RawLeniency.None),
            ("trailing encoded space", "GET /v1/usage%20 HTTP/1.1", Expected.Refusal, RawLeniency.None),
        ];
        foreach (var (name, line, expected, leniency) in lines)
        {
            Add("request line", name, expected, leniency, $"{line}\r\nHost: {RawFuzzCase.Host}\r\n{TenantAuthorization}\r\n{Close}\r\n\r\n");
        }

        Add("request line", "absolute form naming the internal api, Host api", Expected.Refusal, RawLeniency.Malformed,
            $"GET http://api/internal/keys/resolve HTTP/1.1\r\nHost: api\r\n{TenantAuthorization}\r\n{Close}\r\n\r\n");
        Add("request line", "empty lines before the request", Expected.Exactly(200), RawLeniency.Malformed,
            "\r\n\r\n" + Request("GET", "/v1/usage", [TenantAuthorization, Close]));
    }

    private void HostHeaders()
    {
        string[][] hosts = [[], [RawFuzzCase.Host, "evil.example"], ["a b"], [$"{RawFuzzCase.Host}:99999"], ["evil.example\0"], ["[::1"], ["evil/../x"]];
        foreach (var values in hosts)
        {
            var headers = string.Concat(values.Select(v => $"Host: {v}\r\n"));
            // No credentials: if the server takes the request, the application's answer is 401.
            Add("host", $"Host [{string.Join(" | ", values)}]", Expected.Refusal, RawLeniency.Malformed,
                $"GET /v1/usage HTTP/1.1\r\n{headers}{Close}\r\n\r\n");
        }
    }

    private void TruncatedRequests()
    {
        Add("truncated", "body shorter than its Content-Length", Expected.Refusal, RawLeniency.Malformed,
            Request("POST", "/v1/embeddings", [TenantAuthorization, Json, "Content-Length: 100"], "{\"input\":"));
        Add("truncated", "headers without their blank line", Expected.Refusal, RawLeniency.Malformed,
            $"GET /v1/usage HTTP/1.1\r\nHost: {RawFuzzCase.Host}\r\n{TenantAuthorization}\r\n");
        Add("truncated", "request line only", Expected.Refusal, RawLeniency.Malformed, "GET /v1/usage HTTP/1.1\r\n");
        Add("binary", "a TLS ClientHello on the plain port", Expected.Refusal, RawLeniency.Malformed,
            "\u0016\u0003\u0001\u0000\u00A5\u0001\u0000\u0000\u00A1\u0003\u0003" + RandomBytes(64));
        Add("binary", "random bytes", Expected.Refusal, RawLeniency.Malformed, RandomBytes(256));
        Add("binary", "empty lines only", Expected.Refusal, RawLeniency.Malformed, "\r\n\r\n\r\n\r\n");
    }

    private void Pipelining()
    {
        Add("pipelining", "two reads of usage", Expected.Exactly(200), RawLeniency.None,
            Request("GET", "/v1/usage", [TenantAuthorization]) + Request("GET", "/v1/usage", [TenantAuthorization, Close]), responses: 2);
        Add("pipelining", "ten reads of usage", Expected.Exactly(200), RawLeniency.None,
            string.Concat(Enumerable.Range(0, 9).Select(_ => Request("GET", "/v1/usage", [TenantAuthorization])))
            + Request("GET", "/v1/usage", [TenantAuthorization, Close]), responses: 10);
        Add("pipelining", "an embedding then usage", Expected.Exactly(200), RawLeniency.None,
            Request("POST", "/v1/embeddings", [TenantAuthorization, Json, $"Content-Length: {ValidEmbeddingsBody.Length}"], ValidEmbeddingsBody)
            + Request("GET", "/v1/usage", [TenantAuthorization, Close]), responses: 2);
        Add("pipelining", "unauthenticated, then unrouted", Expected.Refusal, RawLeniency.None,
            Request("GET", "/v1/usage", []) + Request("GET", "/nothing-here", [Close]), responses: 2);
    }

    private void OddButValid()
    {
        Add("valid oddity", "HTTP/1.0 without Host", Expected.Exactly(200), RawLeniency.None,
            $"GET /v1/usage HTTP/1.0\r\n{TenantAuthorization}\r\n\r\n", responses: 1);
        // RFC 9112 calls Transfer-Encoding in HTTP/1.0 faulty framing; with no length to disagree with, reading it
        // as chunked and closing the connection afterwards (which HTTP/1.0 does anyway) leaves nothing to smuggle.
        Add("valid oddity", "HTTP/1.0 with a chunked body", Expected.ServedOrRefused(200), RawLeniency.Malformed,
            $"POST /v1/embeddings HTTP/1.0\r\n{TenantAuthorization}\r\n{Json}\r\nTransfer-Encoding: chunked\r\n\r\nf\r\n{ValidEmbeddingsBody}\r\n0\r\n\r\n");
        Add("smuggling", "HTTP/1.0 with Transfer-Encoding and Content-Length", Expected.Refusal, RawLeniency.Malformed,
            $"POST /v1/embeddings HTTP/1.0\r\n{Json}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + Request("GET", "/v1/usage", [TenantAuthorization, Close]));
        Add("valid oddity", "Expect: 100-continue with a declared body over the limit", Expected.Exactly(413), RawLeniency.None,
            Request("POST", "/v1/embeddings", [TenantAuthorization, Json, "Expect: 100-continue", "Content-Length: 2097152", Close]), responses: 1);
        Add("valid oddity", "Expect: 100-continue with the body sent at once", Expected.Exactly(200), RawLeniency.None,
            Request("POST", "/v1/embeddings", [TenantAuthorization, Json, "Expect: 100-continue", $"Content-Length: {ValidEmbeddingsBody.Length}", Close], ValidEmbeddingsBody),
            responses: 1);
        // RFC 9110 lets a server refuse an expectation it does not know with 417, or ignore it.
        Add("valid oddity", "an unknown expectation", new Expected("200 or 417", new HashSet<int> { 200, 417 }), RawLeniency.None,
            Request("GET", "/v1/usage", [TenantAuthorization, "Expect: 999-fuzz", Close]), responses: 1);
        Add("valid oddity", "Authorization named as hop-by-hop", Expected.Exactly(200), RawLeniency.None,
            Request("GET", "/v1/usage", [TenantAuthorization, "Connection: close, Authorization, X-AiNow-Principal"]), responses: 1);
        Add("valid oddity", "GET with a body", Expected.Exactly(200), RawLeniency.FramingRefusal,
            Request("GET", "/v1/usage", [TenantAuthorization, "Content-Length: 5", Close], "hello"));
    }

    private static string Request(string method, string target, IEnumerable<string> headers, string body = "") =>
        $"{method} {target} HTTP/1.1\r\nHost: {RawFuzzCase.Host}\r\n"
        + string.Concat(headers.Where(h => h.Length > 0).Select(h => h + "\r\n"))
        + "\r\n" + body;

    private static string RequestWithRawHeaders(string method, string target, string headerLines) =>
        $"{method} {target} HTTP/1.1\r\nHost: {RawFuzzCase.Host}\r\n{headerLines}{Close}\r\n\r\n";

    private string RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return System.Text.Encoding.Latin1.GetString(bytes);
    }

    private void Add(string category, string name, Expected expected, RawLeniency leniency, string request, int? responses = null) =>
        _cases.Add(new RawFuzzCase(_index++, category, expected, name, request, leniency, responses));
}
