using System.Text;
using System.Text.Json.Nodes;

namespace Stadtkern.Conformance;

/// <summary>The simple JSON paths of the case tables: <c>$</c>, then <c>.name</c>, <c>['name']</c> or <c>[index]</c> steps (<c>$.a.b</c>, <c>$[0].id</c>, <c>$['@context'][1]</c>).</summary>
public static class JsonPath
{
    /// <summary>One step: a member name or an array index.</summary>
    public readonly record struct Step(string? Name, int Index)
    {
        public override string ToString() => Name is null ? $"[{Index}]" : Format(Name);
    }

    /// <summary>Parses a path; throws <see cref="FormatException"/> for anything else.</summary>
    public static IReadOnlyList<Step> Parse(string path)
    {
        if (!path.StartsWith('$'))
        {
            throw new FormatException($"JSON path '{path}' does not start with '$'.");
        }

        var steps = new List<Step>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                if (end == i + 1)
                {
                    throw new FormatException($"JSON path '{path}' has an empty member name at {i}.");
                }

                steps.Add(new Step(path[(i + 1)..end], 0));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] is '\'' or '"')
            {
                var quote = path[i + 1];
                var end = path.IndexOf(quote, i + 2);
                if (end < 0 || end + 1 >= path.Length || path[end + 1] != ']')
                {
                    throw new FormatException($"JSON path '{path}' has an unclosed quoted name at {i}.");
                }

                steps.Add(new Step(path[(i + 2)..end], 0));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) || index < 0)
                {
                    throw new FormatException($"JSON path '{path}' has a bad index at {i}.");
                }

                steps.Add(new Step(null, index));
                i = end + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{path}' has an unexpected '{path[i]}' at {i}.");
            }
        }

        return steps;
    }

    /// <summary>Finds the node at the path; false when some step does not exist (a JSON null that exists gives true and null).</summary>
    public static bool TryGet(JsonNode? root, string path, out JsonNode? found)
    {
        found = root;
        foreach (var step in Parse(path))
        {
            if (step.Name is not null && found is JsonObject o && o.TryGetPropertyValue(step.Name, out var child))
            {
                found = child;
            }
            else if (step.Name is null && found is JsonArray a && step.Index < a.Count)
            {
                found = a[step.Index];
            }
            else
            {
                found = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>Sets the member or element at the path, making missing objects on the way; the root path <c>$</c> cannot be set.</summary>
    public static void Set(JsonNode root, string path, JsonNode? value)
    {
        var steps = Parse(path);
        if (steps.Count == 0)
        {
            throw new InvalidOperationException("The root '$' cannot be set; build a new payload instead.");
        }

        var parent = root;
        foreach (var step in steps.Take(steps.Count - 1))
        {
            parent = step.Name is not null
                ? (parent as JsonObject ?? throw NotA("an object", path))[step.Name] ??= new JsonObject()
                : ElementOf(parent, step.Index, path) ?? throw new InvalidOperationException($"{path}: a null on the way.");
        }

        var last = steps[^1];
        if (last.Name is not null)
        {
            (parent as JsonObject ?? throw NotA("an object", path))[last.Name] = value;
        }
        else
        {
            var array = parent as JsonArray ?? throw NotA("an array", path);
            if (last.Index == array.Count)
            {
                array.Add(value);
            }
            else
            {
                _ = ElementOf(array, last.Index, path);
                array[last.Index] = value;
            }
        }
    }

    /// <summary>Removes the member or element at the path; false when it was not there.</summary>
    public static bool Remove(JsonNode root, string path)
    {
        var steps = Parse(path);
        if (steps.Count == 0)
        {
            throw new InvalidOperationException("The root '$' cannot be removed.");
        }

        var parentPath = "$" + string.Concat(steps.Take(steps.Count - 1).Select(s => s.ToString()));
        if (!TryGet(root, parentPath, out var parent))
        {
            return false;
        }

        var last = steps[^1];
        switch (parent)
        {
            case JsonObject o when last.Name is not null:
                return o.Remove(last.Name);
            case JsonArray a when last.Name is null && last.Index < a.Count:
                a.RemoveAt(last.Index);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Sets every member named <c>id</c>, at any depth, to a string (the suite's <c>$..id</c> update).</summary>
    public static void SetAllIds(JsonNode? node, string id)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (name == "id")
                    {
                        o[name] = id;
                    }
                    else
                    {
                        SetAllIds(o[name], id);
                    }
                }

                break;
            case JsonArray a:
                foreach (var element in a)
                {
                    SetAllIds(element, id);
                }

                break;
        }
    }

    /// <summary>A member step as a path fragment: <c>.name</c>, or <c>['name']</c> when the name has characters that <c>.name</c> cannot carry.</summary>
    public static string Format(string name) =>
        name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '@' or '-' or ':')
            ? "." + name
            : new StringBuilder("['").Append(name).Append("']").ToString();

    private static JsonNode? ElementOf(JsonNode? node, int index, string path) =>
        node is JsonArray a && index < a.Count ? a[index] : throw NotA($"an array with an element {index}", path);

    private static InvalidOperationException NotA(string what, string path) => new($"{path}: the parent is not {what}.");
}
