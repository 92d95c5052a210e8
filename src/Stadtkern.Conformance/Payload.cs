namespace Stadtkern.Conformance;

/// <summary>A request body or an expected body: a file of the suite's data (below <c>etsi-ngsi-ld/data/</c>) or literal text, with edits applied in order.</summary>
public sealed record Payload
{
    /// <summary>Path below the suite's <c>data/</c> folder, or null when <see cref="Text"/> is set.</summary>
    public string? File { get; init; }

    /// <summary>Literal body text (may be deliberately invalid JSON), or null when <see cref="File"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>Edits applied to the parsed JSON, in order (not applied to a body that does not parse).</summary>
    public IReadOnlyList<JsonEdit> Edits { get; init; } = [];

    /// <summary>The elements of a JSON array body made of other payloads (e.g. a batch of entities), or null; <see cref="File"/> and <see cref="Text"/> are then null.</summary>
    public IReadOnlyList<Payload>? Items { get; init; }

    /// <summary>A file of the suite's data, sent verbatim apart from the context URL rewrite.</summary>
    public static Payload FromFile(string path) => new() { File = path };

    /// <summary>A file whose top-level <c>id</c> is set to a case variable, as the suite's "Load Test Sample" does.</summary>
    public static Payload Entity(string path, string idVariable) => FromFile(path).SetId(idVariable);

    /// <summary>Literal text, e.g. <c>Payload.Raw("{ \"id\": ")</c> for malformed JSON.</summary>
    public static Payload Raw(string text) => new() { Text = text };

    /// <summary>A JSON array of the given payloads, each built with its own edits, as the suite's batch operations send (<c>[entity1, entity2]</c>).</summary>
    public static Payload Array(params Payload[] items) => new() { Items = items };

    /// <summary>Sets <c>$.id</c> to <c>{variable}</c>.</summary>
    public Payload SetId(string variable) => With(new JsonEdit.Set("$.id", $"\"{{{variable}}}\""));

    /// <summary>Sets every <c>id</c> member at any depth (<c>$..id</c>) to <c>{variable}</c>, as the suite does for single-entity expectations.</summary>
    public Payload SetAllIds(string variable) => With(new JsonEdit.SetAllIds($"{{{variable}}}"));

    /// <summary>Sets the member at a simple path (<c>$.a.b</c>, <c>$[0].id</c>) to a JSON literal (which may contain <c>{variables}</c>).</summary>
    public Payload Set(string path, string jsonLiteral) => With(new JsonEdit.Set(path, jsonLiteral));

    /// <summary>Removes the member at a simple path.</summary>
    public Payload Remove(string path) => With(new JsonEdit.Remove(path));

    public Payload With(JsonEdit edit) => this with { Edits = [.. Edits, edit] };
}

/// <summary>An edit of a JSON document.</summary>
public abstract record JsonEdit
{
    /// <summary>Sets the member at <paramref name="Path"/> to a JSON literal.</summary>
    public sealed record Set(string Path, string JsonLiteral) : JsonEdit;

    /// <summary>Removes the member at <paramref name="Path"/>.</summary>
    public sealed record Remove(string Path) : JsonEdit;

    /// <summary>Sets every <c>id</c> member at any depth to a string.</summary>
    public sealed record SetAllIds(string Value) : JsonEdit;
}
