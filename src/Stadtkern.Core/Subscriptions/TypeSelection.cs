using System.Text;
using Stadtkern.Errors;
using Stadtkern.JsonLd;
using Stadtkern.Query;

namespace Stadtkern.Subscriptions;

/// <summary>
/// An entity selector's <c>type</c> is a type selection (clause 4.17) such as <c>(Building|Tower)</c>. It is stored with
/// every type name expanded, keeping the operators, and compacted again for output.
/// </summary>
public static class TypeSelection
{
    private const string Operators = "(),;|";

    /// <summary>Checks the selection and expands each type name with the context.</summary>
    public static string Expand(string text, JsonLdContext context)
    {
        if (string.IsNullOrWhiteSpace(text)) throw NgsiLdException.BadData("An entity selector needs a type.");
        TypeExpression.Parse(Unwrap(text), context);
        return Map(text, context.Expand);
    }

    public static string Compact(string expanded, JsonLdContext context) => Map(expanded, context.Compact);

    /// <summary>Parses a stored (expanded) selection.</summary>
    public static TypeExpression Parse(string expanded) => TypeExpression.Parse(Unwrap(expanded), JsonLdContext.Core);

    /// <summary>Rewrites each name between operators, dropping white space.</summary>
    private static string Map(string text, Func<string, string> map)
    {
        var result = new StringBuilder(text.Length * 2);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !Operators.Contains(text[i])) continue;
            var name = text[start..i].Trim();
            if (name.Length > 0) result.Append(map(name));
            if (i < text.Length) result.Append(text[i]);
            start = i + 1;
        }
        return result.ToString();
    }

    /// <summary>
    /// Drops parentheses around the whole selection: <see cref="TypeExpression"/> reads one level of grouping inside an
    /// all-of term, and <c>(A|B)</c> alone means the same as <c>A|B</c>.
    /// </summary>
    private static string Unwrap(string text)
    {
        var trimmed = text.Trim();
        while (trimmed.Length >= 2 && trimmed[0] == '(' && trimmed[^1] == ')' && ClosesAtEnd(trimmed))
            trimmed = trimmed[1..^1].Trim();
        return trimmed;
    }

    private static bool ClosesAtEnd(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i == text.Length - 1;
        }
        return false;
    }
}
