using System.Text.Json.Nodes;
using Stadtkern.Errors;

namespace Stadtkern.Query;

/// <summary>The scope query language (clause 4.19): <c>/a/b</c> exact, <c>/a/+</c> one level below, <c>/a/#</c> the scope and all below; <c>;</c> and, <c>,</c> or <c>|</c> or.</summary>
public sealed class ScopeQuery
{
    private readonly string[][] _alternatives;

    private ScopeQuery(string[][] alternatives) => _alternatives = alternatives;

    public static ScopeQuery Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1024) throw NgsiLdException.BadData("The scopeQ is empty or too long.");
        var alternatives = text.Split(['|', ','], StringSplitOptions.TrimEntries)
            .Select(a => a.Split(';', StringSplitOptions.TrimEntries)).ToArray();
        foreach (var term in alternatives.SelectMany(a => a))
        {
            if (term.Length == 0 || term[0] != '/' || term.Contains("//") || (term.Length > 1 && term.EndsWith('/'))
                || term.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '(' or ')' or '<' or '>' or '='))
                throw NgsiLdException.BadData($"Invalid scopeQ term '{term}'.");
        }
        return new ScopeQuery(alternatives);
    }

    public bool Matches(JsonObject entity)
    {
        if (entity[Model.Members.Scope] is not JsonArray scopes || scopes.Count == 0) return false;
        var values = scopes.Select(s => s!.GetValue<string>()).ToArray();
        return _alternatives.Any(all => all.All(term => values.Any(v => MatchesTerm(term, v))));
    }

    private static bool MatchesTerm(string term, string scope)
    {
        if (term == "/#") return true;
        var t = term.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var s = scope.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < t.Length; i++)
        {
            if (t[i] == "#") return s.Length >= i;
            if (i >= s.Length) return false;
            if (t[i] != "+" && t[i] != s[i]) return false;
        }
        return t.Length == s.Length;
    }
}
