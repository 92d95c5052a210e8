using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Stadtkern.JsonLd;

/// <summary>An active JSON-LD context reduced to what NGSI-LD needs: term → IRI, a default vocabulary, and the reverse map for compaction.</summary>
/// <remarks>
/// NGSI-LD documents have a fixed structure, so the broker only expands and compacts names (entity types, attribute
/// and sub-attribute names, vocabulary values); the core context is applied first and its terms are protected.
/// </remarks>
public sealed class JsonLdContext
{
    private readonly FrozenDictionary<string, string> _terms;
    private readonly FrozenDictionary<string, string> _reverse;
    private readonly (string Prefix, string Iri)[] _prefixes;
    private readonly Dictionary<string, string> _expandCache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _compactCache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();

    /// <summary>The URL (or URLs) the client gave for this context, echoed in responses; null for the core context alone.</summary>
    public JsonNode? Source { get; }

    public string? Vocab { get; }

    private JsonLdContext(Dictionary<string, string> terms, string? vocab, JsonNode? source)
    {
        _terms = terms.ToFrozenDictionary(StringComparer.Ordinal);
        Vocab = vocab;
        Source = source;
        var reverse = new Dictionary<string, string>(StringComparer.Ordinal);
        // Later (user) definitions win over core ones for compaction; among equals, the shortest term.
        foreach (var (term, iri) in terms)
        {
            if (term.Contains(':')) continue;
            if (!reverse.TryGetValue(iri, out var existing) || term.Length < existing.Length || IsCore(existing) && !IsCore(term))
                reverse[iri] = term;
        }
        _reverse = reverse.ToFrozenDictionary(StringComparer.Ordinal);
        _prefixes = terms.Where(t => !t.Key.Contains(':') && (t.Value.EndsWith('/') || t.Value.EndsWith('#')))
            .Select(t => (t.Key, t.Value)).OrderByDescending(t => t.Value.Length).ToArray();
    }

    private static readonly FrozenSet<string> CoreTermNames = CoreTerms.All.Select(t => t.Term).ToFrozenSet();

    private static bool IsCore(string term) => CoreTermNames.Contains(term);

    /// <summary>The core context alone.</summary>
    public static JsonLdContext Core { get; } = Build([], null);

    /// <summary>Builds a context from processed user context objects (already fetched), applied after the core.</summary>
    public static JsonLdContext Build(IEnumerable<JsonObject> userContexts, JsonNode? source)
    {
        var terms = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ngsi-ld"] = CoreTerms.NgsiLd,
            ["geojson"] = CoreTerms.GeoJson,
        };
        foreach (var (term, iri, _) in CoreTerms.All) terms[term] = iri;
        string? vocab = CoreTerms.DefaultVocab;
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var context in userContexts)
        {
            foreach (var (key, value) in context)
            {
                if (key == "@vocab")
                {
                    vocab = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
                    continue;
                }
                if (key.StartsWith('@') || CoreTermNames.Contains(key) || key is "id" or "type") continue;
                var iri = value switch
                {
                    JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
                    JsonObject o when o["@id"] is JsonValue id && id.GetValueKind() == System.Text.Json.JsonValueKind.String => id.GetValue<string>(),
                    JsonObject o when o["@reverse"] is null => key,
                    _ => null,
                };
                if (iri is null) raw.Remove(key);
                else raw[key] = iri;
            }
        }
        foreach (var (k, v) in raw) terms[k] = v;
        // Resolve compact IRIs in definitions (prefix:suffix), a couple of rounds for chains.
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in terms.Keys.ToArray())
            {
                var value = terms[key];
                var colon = value.IndexOf(':');
                if (colon > 0 && !value.AsSpan(colon).StartsWith("://") && terms.TryGetValue(value[..colon], out var prefix) && prefix != value)
                    terms[key] = prefix + value[(colon + 1)..];
                else if (colon < 0 && vocab is not null && value != key)
                    terms[key] = value.StartsWith('@') ? value : vocab + value;
            }
        }
        return new JsonLdContext(terms, vocab, source);
    }

    /// <summary>Expands a term, compact IRI or IRI to an absolute IRI.</summary>
    public string Expand(string term)
    {
        lock (_cacheLock)
            if (_expandCache.TryGetValue(term, out var cached)) return cached;
        var expanded = ExpandUncached(term);
        lock (_cacheLock)
            if (_expandCache.Count < 10_000) _expandCache[term] = expanded;
        return expanded;
    }

    private string ExpandUncached(string term)
    {
        if (_terms.TryGetValue(term, out var iri)) return iri;
        var colon = term.IndexOf(':');
        if (colon > 0)
        {
            var prefix = term[..colon];
            if (!term.AsSpan(colon).StartsWith("//") && _terms.TryGetValue(prefix, out var p)) return p + term[(colon + 1)..];
            return term;
        }
        return Vocab is null ? term : Vocab + term;
    }

    /// <summary>Compacts an absolute IRI to the shortest form this context allows.</summary>
    public string Compact(string iri)
    {
        lock (_cacheLock)
            if (_compactCache.TryGetValue(iri, out var cached)) return cached;
        var compacted = CompactUncached(iri);
        lock (_cacheLock)
            if (_compactCache.Count < 10_000) _compactCache[iri] = compacted;
        return compacted;
    }

    private string CompactUncached(string iri)
    {
        if (_reverse.TryGetValue(iri, out var term)) return term;
        if (Vocab is not null && iri.Length > Vocab.Length && iri.StartsWith(Vocab, StringComparison.Ordinal))
        {
            var rest = iri[Vocab.Length..];
            if (!rest.Contains(':') && !_terms.ContainsKey(rest)) return rest;
        }
        foreach (var (prefix, prefixIri) in _prefixes)
        {
            if (iri.Length > prefixIri.Length && iri.StartsWith(prefixIri, StringComparison.Ordinal))
            {
                var rest = iri[prefixIri.Length..];
                if (!rest.StartsWith("//", StringComparison.Ordinal)) return prefix + ":" + rest;
            }
        }
        return iri;
    }
}
