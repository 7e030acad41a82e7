namespace AiNow.ServiceDefaults.Http;

/// <summary>What <see cref="JsonRequestBodyReader"/> accepts; each service supplies its own limit.</summary>
public sealed class JsonRequestBodyOptions
{
    /// <summary>Largest body read, in bytes. The default is Kestrel's own default limit.</summary>
    public long MaxBytes { get; set; } = 30_000_000;

    /// <summary>
    /// What a client whose body is too large should do instead, appended to that problem's detail,
    /// e.g. "Send fewer or shorter texts per request." Empty adds nothing.
    /// </summary>
    public string TooLargeAdvice { get; set; } = "";
}
