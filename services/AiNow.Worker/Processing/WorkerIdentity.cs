using System.Security.Cryptography;

namespace AiNow.Worker.Processing;

/// <summary>
/// Who holds a job's lease: machine name and process id say where it runs; the random suffix keeps a restarted
/// process that got the same id (common in containers, where it is often 1) from taking over its predecessor's leases.
/// </summary>
internal sealed record WorkerIdentity(string Id)
{
    public static WorkerIdentity Create() =>
        new($"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
}
