using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiNow.Publishing.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace AiNow.Publishing.Tests.Yaml;

/// <summary>
/// Our YAML writer against a YAML emitter (YamlDotNet's) on strings of every awkward shape, as keys, values and
/// sequence items at several depths: the text is the same character for character, and reads back as the string.
/// </summary>
public sealed class BlockYamlWriterTests
{
    public static TheoryData<string> Strings =>
    [
        "plain", "two words", "app.kubernetes.io/name", "registry.example.com:5000/team/api@sha256:abc", "http://svc:8080/path?q=1#frag",
        "a: b", "a:b", "ends with colon:", ":starts", "- dash", "-dash", "--flag=value", "---", "...", "? q", "?q",
        "# comment", "a #b", "a#b", "'single'", "\"double\"", "it's", "say \"hi\"", "back\\slash", "%percent", "@at", "`tick",
        "&anchor", "*alias", "!tag", "|pipe", ">fold", "[a]", "{a}", "a,b", "a[0]", "{{ $labels.job }} answers {{ $value }}",
        "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}", " leading space", "trailing space ", "tab\there", "it's 'quoted'",
        "ctrl\u0001char", "bell\a", "esc\u001b", "nbsp\u00a0here", "café", "emoji 🙂", "bom\ufeff",
        "two\nlines", "ends with break\n", "ends with two\n\n", "\nstarts with break", " indented first\nsecond", "blank\n\nline",
        "trailing space \nnext", "a\n  \nb", "a\n  indented\nb", "#!/usr/bin/env bash\nset -euo pipefail\necho \"$HOME\"\n",
        "8080", "0.1", "1e5", "0x1F", "0o17", "017", "true", "False", "yes", "Y", "n", "on", "OFF", "null", "~", ".inf", ".NaN",
        "2026-12-04", "2026-12-04T10:00:00Z", "1:30", "", " ", "=", "-", ":", "?", "a: b: c", "key=value,other=1",
    ];

    [Theory]
    [MemberData(nameof(Strings))]
    public void AString_IsWrittenAsTheEmitterWritesIt_AsAValueAKeyAndASequenceItem(string value)
    {
        var document = new JsonObject
        {
            ["value"] = value,
            ["nested"] = new JsonObject { ["deeper"] = new JsonObject { ["value"] = value } },
            ["items"] = new JsonArray(value, new JsonObject { ["value"] = value, ["other"] = 1 }, new JsonArray(value, value)),
        };
        if (!value.Contains('\n', StringComparison.Ordinal) && !value.Contains('\r', StringComparison.Ordinal))
        {
            document["keys"] = new JsonObject { [value] = value };
        }

        AssertSameAsTheEmitter(document);
    }

    [Fact]
    public void Structures_AreWrittenAsTheEmitterWritesThem()
    {
        var document = JsonNode.Parse("""
            {
              "apiVersion": "v1", "kind": "List", "emptyMap": {}, "emptyList": [], "number": 3, "fraction": 0.25, "yes": true, "no": false, "nothing": null,
              "items": [ {}, [], [[1, 2], [3]], { "a": { "b": [ { "c": [ "d" ] } ] } }, [ { "x": 1, "y": [] } ] ],
              "deep": { "list": [ { "script": "echo one\necho two\n", "args": [ "--a", "b" ] } ] }
            }
            """)!;

        AssertSameAsTheEmitter(document);
    }

    [Theory]
    [InlineData("[1, \"a\"]")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData("{}")]
    public void ADocumentThatIsNotAMapping_IsWrittenAsTheEmitterWritesIt(string json) =>
        AssertSameAsTheEmitter(JsonNode.Parse(json));

    /// <summary>
    /// Where an emitter's output would not read back as the value, ours does: a break other than '\n' (every break
    /// in a block reads as '\n'), a tab at either end (plain values are trimmed), a control character in a block.
    /// </summary>
    [Theory]
    [InlineData("x\r\ny", "\"x\\r\\ny\"")]
    [InlineData("line\u2028separator", "\"line\\Lseparator\"")]
    [InlineData("\ttab first", "'\ttab first'")]
    [InlineData("tab last\t", "'tab last\t'")]
    [InlineData("bell\a\nnext", "\"bell\\a\\nnext\"")]
    public void AValueAnEmitterWouldChange_IsWrittenSoItReadsBackExactly(string value, string written)
    {
        var yaml = Write(new JsonObject { ["value"] = value });

        Assert.Equal($"value: {written}\n", yaml);
        Assert.Equal(value, ReadBack(yaml)["value"]);
    }

    /// <summary>Every word a YAML 1.1 reader takes for a boolean or null, and words that only look like one.</summary>
    [Theory]
    [InlineData("null", true)]
    [InlineData("Null", true)]
    [InlineData("NULL", true)]
    [InlineData("~", true)]
    [InlineData("y", true)]
    [InlineData("Y", true)]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("YES", true)]
    [InlineData("n", true)]
    [InlineData("N", true)]
    [InlineData("no", true)]
    [InlineData("No", true)]
    [InlineData("NO", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", true)]
    [InlineData("False", true)]
    [InlineData("FALSE", true)]
    [InlineData("on", true)]
    [InlineData("On", true)]
    [InlineData("ON", true)]
    [InlineData("off", true)]
    [InlineData("Off", true)]
    [InlineData("OFF", true)]
    [InlineData("-1", true)]
    [InlineData("+.5", true)]
    [InlineData("2026-12-04", true)]
    [InlineData("False\n", true)] // the pattern's $ lets a final line break through: such a value stays quoted
    [InlineData("nulls", false)]
    [InlineData("NuLL", false)]
    [InlineData("tRUE", false)]
    [InlineData("yess", false)]
    [InlineData("offset", false)]
    [InlineData("Onward", false)]
    [InlineData("falsey", false)]
    [InlineData("name", false)]
    [InlineData("metadata", false)]
    [InlineData("ok", false)]
    [InlineData("x", false)]
    [InlineData("", false)]
    public void AWordIsImplicitlyTyped_OnlyWhenAReaderWouldTakeItForAnotherType(string value, bool typed) =>
        Assert.Equal(typed, YamlScalar.IsImplicitlyTyped(value));

    /// <summary>Names and values read from the document's UTF-8 in place (multi-byte, outside the BMP) write as their escaped forms do.</summary>
    [Fact]
    public void RawUtf8NamesAndValues_AreWrittenAsTheirEscapedFormsAre()
    {
        using var raw = JsonDocument.Parse("""{ "café": "🙂 smile", "list": [ "naïve", "日本" ], "n": 1.5e3, "k": "it's" }"""u8.ToArray());
        using var escaped = JsonDocument.Parse("""{ "caf\u00e9": "\ud83d\ude42 smile", "list": [ "na\u00efve", "\u65e5\u672c" ], "n": 1.5e3, "k": "it\u0027s" }""");
        var fromRaw = new StringBuilder();
        var fromEscaped = new StringBuilder();

        BlockYamlWriter.WriteDocument(fromRaw, raw.RootElement);
        BlockYamlWriter.WriteDocument(fromEscaped, escaped.RootElement);

        Assert.Equal("café: \"\\U0001F642 smile\"\nlist:\n- naïve\n- 日本\n\"n\": 1.5e3\nk: it's\n", fromRaw.ToString());
        Assert.Equal(fromRaw.ToString(), fromEscaped.ToString());
    }

    [Fact]
    public void TheLeadingKeys_ComeFirstInTheirOrder_AndTheRestKeepTheirs_OnlyAtTheTop()
    {
        using var json = JsonDocument.Parse("""{ "spec": { "kind": 1, "z": 2 }, "metadata": { "name": "x" }, "extra": true, "kind": "K", "apiVersion": "v1" }""");
        var text = new StringBuilder();
        BlockYamlWriter.WriteDocument(text, json.RootElement, "apiVersion", "kind", "metadata", "absent");

        Assert.Equal("apiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  kind: 1\n  z: 2\nextra: true\n", text.ToString());
    }

    private static void AssertSameAsTheEmitter(JsonNode? document)
    {
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var ours = Write(document);
        var emitters = ReferenceYamlEmitter.Write(json.RootElement);

        Assert.Equal(emitters, ours);
        if (document is JsonObject mapping && mapping["value"] is JsonValue value)
        {
            Assert.Equal(value.GetValue<string>(), ReadBack(ours)["value"]);
        }
    }

    private static string Write(JsonNode? document)
    {
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var text = new StringBuilder();
        BlockYamlWriter.WriteDocument(text, json.RootElement);
        return text.ToString();
    }

    private static Dictionary<string, string> ReadBack(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return root.Children.Where(c => c.Value is YamlScalarNode).ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
    }
}
