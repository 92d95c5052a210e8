using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>One running case: its variables, and how templates and payloads become what is sent and expected.</summary>
/// <remarks>
/// Templates are first rewritten (<see cref="ContextUrlMap"/>), then their variables substituted. <see cref="Current"/>
/// is set while a case runs, so that <see cref="Check.Custom"/> checks can load and compare suite data the same way.
/// </remarks>
public sealed class CaseContext
{
    private static readonly AsyncLocal<CaseContext?> Ambient = new();

    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, string> variables = new(StringComparer.Ordinal);

    public CaseContext(SuiteData data, ContextUrlMap urls)
    {
        Data = data;
        Urls = urls;
    }

    /// <summary>The context of the case running on this async flow, or null outside a run.</summary>
    public static CaseContext? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public SuiteData Data { get; }

    public ContextUrlMap Urls { get; }

    public IReadOnlyDictionary<string, string> Variables => variables;

    /// <summary>Sets a variable.</summary>
    public void Set(string name, string value) => variables[name] = value;

    /// <summary>A template with its context URLs rewritten and its variables substituted (unknown ones throw when <paramref name="strict"/>).</summary>
    public string Text(string template, bool strict = true) =>
        global::Stadtkern.Conformance.Variables.Substitute(Urls.Rewrite(template), variables, strict);

    /// <summary>The body text of a payload: the file or text rewritten and substituted, then its edits applied when it parses.</summary>
    public string Build(Payload payload)
    {
        if (payload.Items is { } items)
        {
            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(JsonNode.Parse(Build(item)));
            }

            return Edit(array, payload.Edits).ToJsonString(Output);
        }

        var text = Text(payload.File is { } file ? Data.ReadData(file) : payload.Text ?? "", strict: false);
        if (payload.Edits.Count == 0 || !SuiteData.TryParse(text, out var node) || node is null)
        {
            return text;
        }

        return Edit(node, payload.Edits).ToJsonString(Output);
    }

    /// <summary>A payload as JSON, for expectations; throws when it does not parse.</summary>
    public JsonNode? BuildJson(Payload payload)
    {
        var text = Build(payload);
        return SuiteData.TryParse(text, out var node)
            ? node
            : throw new InvalidOperationException($"The expectation {payload.File ?? "(literal text)"} is not valid JSON.");
    }

    /// <summary>A data file (below <c>data/</c>) as JSON, its context URLs rewritten and variables substituted.</summary>
    public JsonNode? LoadJson(string dataPath) => BuildJson(Payload.FromFile(dataPath));

    private JsonNode Edit(JsonNode node, IReadOnlyList<JsonEdit> edits)
    {
        foreach (var edit in edits)
        {
            switch (edit)
            {
                case JsonEdit.Set set:
                    JsonPath.Set(node, set.Path, ParseLiteral(set.JsonLiteral));
                    break;
                case JsonEdit.Remove remove:
                    JsonPath.Remove(node, remove.Path);
                    break;
                case JsonEdit.SetAllIds all:
                    JsonPath.SetAllIds(node, Text(all.Value));
                    break;
                default:
                    throw new NotSupportedException($"Unknown edit {edit.GetType().Name}.");
            }
        }

        return node;
    }

    /// <summary>A JSON literal of a case table, its variables substituted, parsed.</summary>
    public JsonNode? ParseLiteral(string literal)
    {
        var text = Text(literal);
        return SuiteData.TryParse(text, out var node)
            ? node
            : throw new FormatException($"The JSON literal {text} (from {literal}) is not valid JSON.");
    }
}
