using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Model;

namespace Stadtkern.Query;

/// <summary>An entity type selection (clause 4.17): <c>A,B</c> or <c>A|B</c> is either, <c>A;B</c> is both, with parentheses. Held as alternatives of all-of sets.</summary>
public sealed class TypeExpression
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _alternatives;

    private TypeExpression(IReadOnlyList<IReadOnlyList<string>> alternatives) => _alternatives = alternatives;

    /// <summary>Every type named, for index look-ups.</summary>
    public IReadOnlyCollection<string> AllTypes => _alternatives.SelectMany(a => a).Distinct().ToArray();

    public static TypeExpression Parse(string text, JsonLdContext context)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2048) throw NgsiLdException.BadData("The type selection is empty or too long.");
        var alternatives = new List<IReadOnlyList<string>>();
        // Distribute parenthesised groups: the grammar is shallow in practice, so one level of grouping is supported.
        foreach (var alternative in SplitTop(text, ['|', ',']))
        {
            var all = new List<string>();
            foreach (var part in SplitTop(alternative, [';']))
            {
                var trimmed = part.Trim();
                if (trimmed.StartsWith('(') && trimmed.EndsWith(')'))
                {
                    var inner = Parse(trimmed[1..^1], context);
                    if (inner._alternatives.Count != 1) throw NgsiLdException.BadData("Nested alternatives inside an all-of type group are not supported.");
                    all.AddRange(inner._alternatives[0]);
                    continue;
                }
                if (!Validation.IsName(trimmed)) throw NgsiLdException.BadData($"'{trimmed}' is not a valid entity type.");
                all.Add(context.Expand(trimmed));
            }
            alternatives.Add(all);
        }
        return new TypeExpression(alternatives);
    }

    private static IEnumerable<string> SplitTop(string text, char[] separators)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (depth == 0 && separators.Contains(text[i]))
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (depth != 0) throw NgsiLdException.BadData("Unbalanced parentheses in the type selection.");
        yield return text[start..];
    }

    public bool Matches(IEnumerable<string> types)
    {
        var set = types as IReadOnlySet<string> ?? types.ToHashSet(StringComparer.Ordinal);
        return _alternatives.Any(all => all.All(set.Contains));
    }
}
