using System.Globalization;
using Stadtkern.Catalog.Harvesting;

namespace Stadtkern.Host.OpenData;

/// <summary>
/// The part of CKAN's Solr search that harvesters use, over the published datasets in memory: <c>q</c> as free text
/// (every word must occur in the title, description or keywords; <c>*:*</c> is everything), <c>fq</c> as a list of
/// <c>field:value</c> clauses that must all hold (<c>+</c> and <c>-</c> prefixes, <c>"quoted values"</c>,
/// <c>(a OR b)</c>, and <c>[from TO to]</c> ranges on the time fields, <c>{…}</c> ends exclusive), and <c>sort</c> by id, name, title or the
/// metadata times.
/// </summary>
internal static class CkanSearch
{
    private static readonly string[] TimeFields = ["metadata_modified", "metadata_created"];

    public static Func<PublishedDataset, bool> Query(string? q)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim() == "*:*") return _ => true;
        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => w is not ("AND" or "&&")).ToArray();
        return d =>
        {
            var m = d.Definition.Metadata;
            var text = string.Join('\n', [m.Title.De, m.Title.En, m.Description.De, m.Description.En, .. m.Keywords, d.Id]);
            return words.All(w => text.Contains(w.Trim('"'), StringComparison.OrdinalIgnoreCase));
        };
    }

    public static Func<PublishedDataset, bool> Filter(string? fq, DateTimeOffset now)
    {
        var clauses = new List<Func<PublishedDataset, bool>>();
        var text = fq ?? "";
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != ':') i++;
            var word = text[start..i];
            if (i >= text.Length || text[i] != ':')
            {
                if (word is "AND" or "&&") continue;
                throw CkanError.Search($"cannot read '{word}' in fq (expected field:value)");
            }
            var negate = word.StartsWith('-');
            var field = word.TrimStart('+', '-');
            i++;
            var value = ReadValue(text, ref i);
            var clause = Clause(field, value, now);
            clauses.Add(negate ? d => !clause(d) : clause);
        }
        return d => clauses.All(c => c(d));
    }

    public static IEnumerable<PublishedDataset> Sort(IEnumerable<PublishedDataset> datasets, string? sort)
    {
        var keys = (string.IsNullOrWhiteSpace(sort) ? "metadata_modified desc" : sort).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IOrderedEnumerable<PublishedDataset>? ordered = null;
        foreach (var key in keys)
        {
            var parts = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (parts.Length > 2 || parts.Length == 2 && !descending && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase))
                throw CkanError.Search($"cannot sort by '{key}' (use 'field asc' or 'field desc')");
            // Every dataset matches a search equally well, so "score" orders nothing.
            if (parts[0] == "score") continue;
            Func<PublishedDataset, IComparable> by = parts[0] switch
            {
                "id" or "name" => d => d.Id,
                "title" or "title_string" => d => d.Definition.Metadata.Title.De,
                "metadata_modified" => d => d.Modified,
                "metadata_created" => d => d.Record.CreatedAt,
                var other => throw CkanError.Search($"cannot sort by the field '{other}'"),
            };
            ordered = ordered is null
                ? descending ? datasets.OrderByDescending(by) : datasets.OrderBy(by)
                : descending ? ordered.ThenByDescending(by) : ordered.ThenBy(by);
        }
        return (ordered ?? datasets.OrderByDescending(d => d.Modified)).ThenBy(d => d.Id, StringComparer.Ordinal);
    }

    private static string ReadValue(string text, ref int i)
    {
        if (i >= text.Length) throw CkanError.Search("a field in fq has no value");
        var (open, close) = text[i] switch
        {
            '"' => ('"', '"'),
            '[' => ('[', ']'),
            '{' => ('{', '}'),
            '(' => ('(', ')'),
            _ => (default(char), default(char)),
        };
        var start = i;
        if (open == default)
        {
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            return text[start..i];
        }
        // A range may mix an inclusive and an exclusive end: [from TO to}.
        var end = open is '[' or '{' ? text.IndexOfAny([']', '}'], i + 1) : text.IndexOf(close, i + 1);
        if (end < 0) throw CkanError.Search($"'{open}' without '{close}' in fq");
        i = end + 1;
        return text[start..i];
    }

    private static Func<PublishedDataset, bool> Clause(string field, string value, DateTimeOffset now)
    {
        if (value.StartsWith('(')) return AnyOf(field, value[1..^1].Split(" OR ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (value.StartsWith('[') || value.StartsWith('{')) return Range(field, value, now);
        return AnyOf(field, [value]);
    }

    private static Func<PublishedDataset, bool> AnyOf(string field, string[] values)
    {
        var wanted = values.Select(v => v.Trim('"')).ToArray();
        Func<PublishedDataset, IEnumerable<string>> of = field switch
        {
            "id" or "name" => d => [d.Id],
            "organization" => d => [CkanVocabulary.OrganizationName(d.Definition.Metadata.Publisher.Name)],
            "tags" => d => d.Definition.Metadata.Keywords,
            "groups" => d => d.Definition.Metadata.Themes.Select(CkanVocabulary.GroupName),
            "res_format" => d => d.Latest.Distributions.Select(f => CkanPackages.Format(f.Format)),
            "license_id" => d => [d.Definition.Licence, DcatTerms.Licences + d.Definition.Licence],
            "dataset_type" or "type" => _ => ["dataset"],
            "state" => _ => ["active"],
            _ when TimeFields.Contains(field) => throw CkanError.Search($"'{field}' is filtered with a range, [from TO to]"),
            _ => throw CkanError.Search($"undefined field {field}"),
        };
        return d => of(d).Any(v => wanted.Any(w => w == "*" || v.Equals(w, StringComparison.OrdinalIgnoreCase)));
    }

    private static Func<PublishedDataset, bool> Range(string field, string value, DateTimeOffset now)
    {
        Func<PublishedDataset, DateTimeOffset> of = field switch
        {
            "metadata_modified" => d => d.Modified,
            "metadata_created" => d => d.Record.CreatedAt,
            _ => throw CkanError.Search($"'{field}' cannot be filtered with a range (only {string.Join(", ", TimeFields)})"),
        };
        var (fromIncluded, toIncluded) = (value[0] == '[', value[^1] == ']');
        var bounds = value[1..^1].Split(" TO ", StringSplitOptions.TrimEntries);
        if (bounds.Length != 2) throw CkanError.Search($"a range is [from TO to], not {value}");
        var (from, to) = (Bound(bounds[0], now), Bound(bounds[1], now));
        return d =>
        {
            var at = of(d);
            return (from is not { } f || (fromIncluded ? at >= f : at > f)) && (to is not { } t || (toIncluded ? at <= t : at < t));
        };
    }

    /// <summary>A range bound: <c>*</c>, <c>NOW</c>, or an ISO 8601 time (UTC when it has no offset, as Solr reads it).</summary>
    private static DateTimeOffset? Bound(string text, DateTimeOffset now) => text switch
    {
        "*" => null,
        "NOW" => now,
        _ when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        _ => throw CkanError.Search($"'{text}' is not a time (use ISO 8601 such as 2026-01-31T00:00:00Z, or *)"),
    };
}
