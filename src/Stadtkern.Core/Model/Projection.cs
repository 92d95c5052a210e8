using Stadtkern.Errors;
using Stadtkern.JsonLd;

namespace Stadtkern.Model;

/// <summary>A <c>pick</c> or <c>omit</c> projection (clause 4.21), possibly nested for linked entities: <c>id,locatedAt{id,name}</c>.</summary>
public sealed class Projection
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Projection> _children = new(StringComparer.Ordinal);

    public bool IsPick { get; }

    private Projection(bool isPick) => IsPick = isPick;

    /// <summary>Parses a projection; names other than <c>id</c>/<c>type</c> are expanded with the context.</summary>
    public static Projection Parse(string text, bool isPick, JsonLdContext context)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4096) throw NgsiLdException.BadData($"The {(isPick ? "pick" : "omit")} list is empty or too long.");
        var position = 0;
        var projection = ParseList(text, ref position, isPick, context, depth: 0);
        if (position != text.Length) throw NgsiLdException.BadData($"Unexpected '{text[position]}' in the projection '{text}'.");
        return projection;
    }

    private static Projection ParseList(string text, ref int position, bool isPick, JsonLdContext context, int depth)
    {
        if (depth > 8) throw NgsiLdException.BadData("The projection nests too deeply.");
        var node = new Projection(isPick);
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '{' or '}')) position++;
            var name = text[start..position].Trim();
            if (name.Length == 0 || !Validation.IsName(name)) throw NgsiLdException.BadData($"Invalid name '{name}' in the projection '{text}'.");
            var key = name is "id" or "type" ? name : context.Expand(name);
            if (position < text.Length && text[position] == '{')
            {
                position++;
                node._children[key] = ParseList(text, ref position, isPick, context, depth + 1);
                if (position >= text.Length || text[position] != '}') throw NgsiLdException.BadData($"Missing '}}' in the projection '{text}'.");
                position++;
            }
            else
            {
                node._names.Add(key);
            }
            if (position < text.Length && text[position] == '}') break;
            if (position < text.Length && text[position] == ',') position++;
        }
        return node;
    }

    /// <summary>The projection for entities reached through the given relationship, or null for none.</summary>
    public Projection? Child(string attribute) => _children.GetValueOrDefault(attribute);

    /// <summary>Applies this level of the projection to render options.</summary>
    public RenderOptions Apply(RenderOptions options)
    {
        if (IsPick)
        {
            var keep = _names.Concat(_children.Keys).Where(n => n is not ("id" or "type")).ToHashSet(StringComparer.Ordinal);
            return options with { Attributes = keep, PickId = _names.Contains("id"), PickType = _names.Contains("type"), Omitted = null };
        }
        var omitted = _names.Where(n => n is not ("id" or "type")).ToHashSet(StringComparer.Ordinal);
        return options with { Omitted = omitted, PickId = !_names.Contains("id"), PickType = !_names.Contains("type") };
    }
}
