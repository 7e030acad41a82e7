using AiNow.Publishing.Tests.Infrastructure;

namespace AiNow.Publishing.Tests.Delivery;

/// <summary>
/// A published step's script run as GitHub runs it (<c>bash --noprofile --norc -eo pipefail</c>) in a
/// scratch folder, with fake tools (<c>gh</c>, <c>docker</c>) first on the PATH; what it writes to
/// <c>$GITHUB_OUTPUT</c> is read back.
/// </summary>
internal sealed class StepScript : IDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly string _bin;

    public StepScript()
    {
        _folder = Directory.CreateTempSubdirectory("ainow-step-");
        _bin = Directory.CreateDirectory(Path.Combine(_folder.FullName, "bin")).FullName;
        Data = Directory.CreateDirectory(Path.Combine(_folder.FullName, "fake")).FullName;
    }

    /// <summary>Where the fakes keep their data (<c>$FAKE</c> in their scripts).</summary>
    public string Data { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> under <see cref="Data"/>.</summary>
    public void Write(string path, string content)
    {
        var full = Path.Combine(Data, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>What a fake logged to <c>$FAKE/&lt;tool&gt;.log</c>, one call a line.</summary>
    public IReadOnlyList<string> Calls(string tool)
    {
        var log = Path.Combine(Data, tool + ".log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    /// <summary>Puts a fake <paramref name="tool"/> on the PATH: its bash body logs every call, then runs <paramref name="body"/>.</summary>
    public void Fake(string tool, string body)
    {
        var path = Path.Combine(_bin, tool);
        File.WriteAllText(path, $"#!/usr/bin/env bash\nset -euo pipefail\necho \"$*\" >> \"$FAKE/{tool}.log\"\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="environment"/> (its step's <c>env:</c>) and the runner's variables.</summary>
    public async Task<(int ExitCode, IReadOnlyDictionary<string, string> Outputs, string Log)> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var work = Directory.CreateDirectory(Path.Combine(_folder.FullName, "work")).FullName;
        var temp = Directory.CreateDirectory(Path.Combine(_folder.FullName, "temp")).FullName;
        var file = Path.Combine(_folder.FullName, "step.sh");
        await File.WriteAllTextAsync(file, script);
        var outputs = Path.Combine(_folder.FullName, "output");
        var variables = new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAKE"] = Data,
            ["GITHUB_OUTPUT"] = outputs,
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(_folder.FullName, "summary"),
            ["GITHUB_REPOSITORY"] = "example/ainow",
            ["RUNNER_TEMP"] = temp,
        };
        var (exitCode, output, error) = await ProcessRunner.RunAsync("bash", ["--noprofile", "--norc", "-eo", "pipefail", file], work, TimeSpan.FromMinutes(1), variables);
        var written = File.Exists(outputs)
            ? File.ReadAllLines(outputs).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : [];
        return (exitCode, written, output + error);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
