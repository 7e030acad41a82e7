using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using AiNow.Publishing.Writing;

namespace AiNow.Publishing.Terraform;

/// <summary>A variable a module declares: its block as written in the module, and whether it has a default.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Block">The whole <c>variable</c> block, formatted as <c>terraform fmt</c> writes it.</param>
/// <param name="HasDefault">True when callers may leave it out.</param>
/// <param name="Description">Its description.</param>
internal sealed record ModuleVariable(string Name, string Block, bool HasDefault, string Description);

/// <summary>An output a module declares.</summary>
/// <param name="Name">The output's name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Sensitive">True when it is marked sensitive (provider credentials only; never re-exported).</param>
internal sealed record ModuleOutput(string Name, string Description, bool Sensitive);

/// <summary>
/// The hand-written Terraform modules shipped inside the publisher (embedded from
/// <c>Terraform/Modules</c>) and copied verbatim to <c>terraform/modules/</c>: written once, used by
/// every root. Roots re-declare a module's variables from the module's own blocks, so a variable's
/// type, description and validation have one home.
/// </summary>
internal static partial class ModuleLibrary
{
    private const string ResourcePrefix = "terraform/modules/";

    private static readonly Lazy<ImmutableSortedDictionary<string, string>> Sources = new(Load);

    /// <summary>Every module file, as <c>modules/&lt;group&gt;/&lt;module&gt;/&lt;file&gt;.tf</c> after <paramref name="header"/>, in path order.</summary>
    public static IReadOnlyList<GeneratedFile> Files(string header) =>
        Sources.Value.Select(f => new GeneratedFile("modules/" + f.Key, $"# {header}\n\n{f.Value}")).ToList();

    /// <summary>The variables <paramref name="module"/> declares, in file order.</summary>
    public static IReadOnlyList<ModuleVariable> Variables(string module) =>
        TopLevelBlocks(module, "variable")
            .Select(b => new ModuleVariable(b.Name, b.Text, DefaultArgument().IsMatch(b.Text), DescriptionOf(b.Text)))
            .ToList();

    /// <summary>The outputs <paramref name="module"/> declares, in file order.</summary>
    public static IReadOnlyList<ModuleOutput> Outputs(string module) =>
        TopLevelBlocks(module, "output")
            .Select(b => new ModuleOutput(b.Name, DescriptionOf(b.Text), SensitiveArgument().IsMatch(b.Text)))
            .ToList();

    private static IEnumerable<(string Name, string Text)> TopLevelBlocks(string module, string type)
    {
        var files = Sources.Value.Where(f => f.Key.StartsWith(module + "/", StringComparison.Ordinal) && !f.Key[(module.Length + 1)..].Contains('/', StringComparison.Ordinal)).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No Terraform module '{module}' is embedded in the publisher.");
        }

        foreach (var (_, text) in files)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (BlockStart().Match(lines[i]) is not { Success: true } start || start.Groups[1].Value != type)
                {
                    continue;
                }

                var block = new StringBuilder(lines[i]).Append('\n');
                // A formatted file closes a top-level block with "}" in the first column.
                while (++i < lines.Length && lines[i] != "}")
                {
                    block.Append(lines[i]).Append('\n');
                }

                yield return (start.Groups[2].Value, block.Append("}\n").ToString());
            }
        }
    }

    private static ImmutableSortedDictionary<string, string> Load()
    {
        var assembly = typeof(ModuleLibrary).Assembly;
        var files = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files[name[ResourcePrefix.Length..].Replace('\\', '/')] = reader.ReadToEnd().ReplaceLineEndings("\n");
        }

        return files.ToImmutable();
    }

    private static string DescriptionOf(string block) =>
        DescriptionArgument().Match(block).Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex("^([a-z]+) \"([A-Za-z0-9_-]+)\" \\{$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockStart();

    [GeneratedRegex("^  default\\s*=", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultArgument();

    [GeneratedRegex("^  sensitive\\s*=\\s*true", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SensitiveArgument();

    [GeneratedRegex("^  description\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionArgument();
}
