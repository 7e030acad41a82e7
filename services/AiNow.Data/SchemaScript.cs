using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AiNow.Data;

/// <summary>One embedded <c>Schema/NNNN_name.sql</c> script with the checksum that guards it against edits.</summary>
internal sealed partial record SchemaScript(int Version, string Name, string Sql, string Checksum)
{
    private const string ResourcePrefix = "Schema/";

    /// <summary>The embedded scripts in version order.</summary>
    public static IReadOnlyList<SchemaScript> LoadEmbedded()
    {
        var assembly = typeof(SchemaScript).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource => Load(assembly, resource))
            .OrderBy(script => script.Version)
            .ToList();

        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Schema version {duplicate.Key} is defined twice ({string.Join(", ", duplicate.Select(s => s.Name))}); give each script its own number.");
        }

        return scripts;
    }

    private static SchemaScript Load(Assembly assembly, string resource)
    {
        var fileName = resource[ResourcePrefix.Length..];
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException(
                $"Schema script '{fileName}' is not named NNNN_name.sql (four digits, an underscore, a name).");
        }

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' could not be read.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        // Line endings depend on how the file was checked out; they must not change the checksum.
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));

        return new SchemaScript(
            int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
            match.Groups["name"].Value,
            sql,
            checksum);
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
