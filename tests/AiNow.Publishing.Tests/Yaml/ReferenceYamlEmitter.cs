using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using AiNow.Publishing.Kubernetes;
using YamlDotNet.Core.Events;

namespace AiNow.Publishing.Tests.Yaml;

/// <summary>
/// The same JSON written by YamlDotNet's emitter, with the styles our writer asks for (quoted when a reader
/// would take the string for another type, literal when it has several lines, otherwise the emitter's choice):
/// the reference our own writer must match character for character.
/// </summary>
internal static class ReferenceYamlEmitter
{
    private static readonly EmitterSettings Settings = new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue).WithNewLine("\n");

    public static string Write(JsonElement root)
    {
        var text = new StringBuilder();
        using var writer = new StringWriter(text, CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart());
                foreach (var property in element.EnumerateObject())
                {
                    EmitString(emitter, property.Name);
                    Emit(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in element.EnumerateArray())
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                EmitString(emitter, element.GetString()!);
                break;
            default:
                emitter.Emit(new Scalar(null, null, element.ValueKind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => "null",
                    _ => element.GetRawText(),
                }, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string value)
    {
        var ambiguous = value.Length == 0 || YamlScalar.IsImplicitlyTyped(value);
        var style = ambiguous ? ScalarStyle.DoubleQuoted : value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: !ambiguous, isQuotedImplicit: true));
    }
}
