using System.Text;

namespace AiNow.IntegrationTests.Fuzz;

/// <summary>The statuses the application may answer a case with; the same for every run of a seed.</summary>
internal sealed record Expected(string Description, IReadOnlySet<int> Statuses)
{
    /// <summary>Any refusal: a 4xx, or 503 (a dependency that is down is the one 5xx a client may be shown).</summary>
    public static readonly Expected Refusal = new("a 4xx or 503", new HashSet<int>([.. Enumerable.Range(400, 100), 503]));

    public static Expected Exactly(int status) => new(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new HashSet<int> { status });

    /// <summary>Served with <paramref name="status"/>, or refused: for requests the RFCs let a server take or turn down.</summary>
    public static Expected ServedOrRefused(int status) =>
        new($"{status.ToString(System.Globalization.CultureInfo.InvariantCulture)} or {Refusal.Description}", new HashSet<int>([status, .. Refusal.Statuses]));

    public bool Allows(int status) => Statuses.Contains(status);
}

/// <summary>
/// The <c>Authorization</c> headers a case sends (placeholders <see cref="TenantKey"/> and <see cref="AdminKey"/>
/// stand for the live keys) and how the gateway must answer them on each side: null where they authenticate.
/// </summary>
internal sealed record Credential(string Name, IReadOnlyList<string> Values, int? TenantRefusal, int? AdminRefusal)
{
    public const string TenantKey = "{tenant-key}";
    public const string AdminKey = "{admin-key}";

    public static readonly Credential None = new("no credentials", [], 401, 401);
    public static readonly Credential Tenant = new("the tenant's key", [$"Bearer {TenantKey}"], null, 403);
    public static readonly Credential Admin = new("the admin key", [$"Bearer {AdminKey}"], 403, null);

    /// <summary>The credential that authenticates on <paramref name="scope"/>.</summary>
    public static Credential For(Scope scope) => scope == Scope.Admin ? Admin : Tenant;

    /// <summary>The status the gateway refuses this credential with on <paramref name="scope"/>, or null when it authenticates.</summary>
    public int? RefusalOn(Scope scope) => scope == Scope.Admin ? AdminRefusal : TenantRefusal;
}

/// <summary>The live values cases name by placeholder, known only once the platform runs.</summary>
internal sealed record FuzzSecrets(string TenantKey, string AdminKey, Guid TenantId)
{
    public const string TenantIdPlaceholder = "{tenant-id}";

    public string Fill(string text) => text
        .Replace(Credential.TenantKey, TenantKey, StringComparison.Ordinal)
        .Replace(Credential.AdminKey, AdminKey, StringComparison.Ordinal)
        .Replace(TenantIdPlaceholder, TenantId.ToString("D"), StringComparison.Ordinal);
}

/// <summary>One generated request and what it must be answered with.</summary>
internal abstract record FuzzCase(int Index, string Category, Expected Expected)
{
    /// <summary>How the case reads in a failure message.</summary>
    public abstract string Describe();

    /// <summary>What of the request an answer may quote back: its target, header values and body, as text.</summary>
    public abstract string EchoableText();

    /// <summary>Up to <paramref name="max"/> characters of <paramref name="text"/>, control characters escaped.</summary>
    protected static string Excerpt(string text, int max = 120)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            builder.Append(c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.Length > max ? $"{builder}... ({text.Length} chars)" : builder.ToString();
    }
}

/// <summary>A request HttpClient can send: well-formed HTTP, hostile in what it says.</summary>
internal sealed record HttpFuzzCase(
    int Index,
    string Category,
    Expected Expected,
    string Method,
    string Path,
    Credential Credential,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte>? Body,
    string? ContentType,
    bool Chunked,
    bool FramingRefusalAllowed) : FuzzCase(Index, Category, Expected)
{
    public override string Describe()
    {
        var body = Body is { } bytes ? $" body {bytes.Length} B '{Excerpt(Encoding.UTF8.GetString(bytes.Span[..Math.Min(bytes.Length, 400)]))}'" : "";
        var headers = Headers.Count == 0 ? "" : $" headers [{Excerpt(string.Join(", ", Headers.Select(h => $"{h.Key}: {h.Value}")))}]";
        var type = ContentType is null ? "" : $" Content-Type '{Excerpt(ContentType)}'";
        return $"#{Index} {Category}: {Method} {Excerpt(Path)} ({Credential.Name}){type}{(Chunked ? " chunked" : "")}{headers}{body} -> expected {Expected.Description}"
            + (FramingRefusalAllowed ? ", or a framing refusal" : "");
    }

    public override string EchoableText() =>
        $"{Path} {ContentType} {string.Join(' ', Headers.Select(h => h.Value))} {(Body is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : "")}";
}

/// <summary>What a raw exchange may end in besides answers the application gave.</summary>
[Flags]
internal enum RawLeniency
{
    None = 0,

    /// <summary>The server refuses the framing itself: a bodiless 4xx (or 505) with <c>Connection: close</c>, before any application code.</summary>
    FramingRefusal = 1,

    /// <summary>The connection closes, or stays silent until the deadline, without an answer.</summary>
    NoAnswer = 2,

    Malformed = FramingRefusal | NoAnswer,
}

/// <summary>Bytes written to the gateway's socket as they are: framing HttpClient would never produce.</summary>
/// <param name="Index">The case's number in the run.</param>
/// <param name="Category">The kind of abuse.</param>
/// <param name="Expected">The statuses the application may answer with.</param>
/// <param name="Name">What this request does wrong (or oddly).</param>
/// <param name="Request">The request as Latin-1 text (one character per byte), placeholders included.</param>
/// <param name="Leniency">What the exchange may end in besides the application's answers.</param>
/// <param name="Responses">How many application answers must come back, or null when any number (none included) may.</param>
internal sealed record RawFuzzCase(
    int Index,
    string Category,
    Expected Expected,
    string Name,
    string Request,
    RawLeniency Leniency,
    int? Responses) : FuzzCase(Index, Category, Expected)
{
    /// <summary>The Host header raw requests send; any name does, and this one is no marker of an internal one.</summary>
    public const string Host = "gateway.example";

    public override string Describe() =>
        $"#{Index} {Category}: {Name} '{Excerpt(Request, 200)}' -> expected {Expected.Description}" +
        (Leniency.HasFlag(RawLeniency.FramingRefusal) ? ", or a framing refusal" : "") +
        (Leniency.HasFlag(RawLeniency.NoAnswer) ? ", or no answer" : "") +
        (Responses is { } count ? $", {count} answer(s)" : "");

    public override string EchoableText() => Request;
}
