using System.Reflection;

namespace Stadtkern.Conformance;

/// <summary>Every case of the tables: the static classes of the <c>Stadtkern.Conformance.Cases</c> namespaces that have <c>public static IEnumerable&lt;ConformanceCase&gt; All()</c>.</summary>
public static class CaseCatalog
{
    /// <summary>The namespace (and those below it) searched for case tables.</summary>
    public const string CasesNamespace = "Stadtkern.Conformance.Cases";

    // Groups whose per-clause counts are kept at the top folder rather than at two levels.
    private static readonly HashSet<string> SingleLevelGroups = new(["jsonldContext", "CommonBehaviours"], StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyList<ConformanceCase>> Cases = new(() => Collect(typeof(CaseCatalog).Assembly));

    /// <summary>All cases, ordered by key.</summary>
    public static IReadOnlyList<ConformanceCase> All => Cases.Value;

    /// <summary>The case with this key (<c>Clause/Id</c>), or null.</summary>
    public static ConformanceCase? Find(string key) => All.FirstOrDefault(c => c.Key == key);

    /// <summary>The group a clause counts under: its first two folders, or the first for <c>jsonldContext</c> and <c>CommonBehaviours</c>.</summary>
    public static string GroupOf(string clause)
    {
        var parts = clause.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? clause
            : SingleLevelGroups.Contains(parts[0]) || parts.Length == 1 ? parts[0]
            : parts[0] + "/" + parts[1];
    }

    /// <summary>The keys that occur more than once (they would make the known-failures list ambiguous).</summary>
    public static IReadOnlyList<string> DuplicateKeys() =>
        [.. All.GroupBy(c => c.Key).Where(g => g.Count() > 1).Select(g => g.Key)];

    /// <summary>The cases of the tables in an assembly.</summary>
    public static IReadOnlyList<ConformanceCase> Collect(Assembly assembly) =>
        [.. TableMethods(assembly)
            .SelectMany(m => (IEnumerable<ConformanceCase>)m.Invoke(null, null)!)
            .OrderBy(c => c.Key, StringComparer.Ordinal)];

    /// <summary>The <c>All()</c> methods of the case tables in an assembly.</summary>
    public static IEnumerable<MethodInfo> TableMethods(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true, IsClass: true } // static classes
                && t.Namespace is { } ns && (ns == CasesNamespace || ns.StartsWith(CasesNamespace + ".", StringComparison.Ordinal)))
            .Select(t => t.GetMethod("All", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes))
            .Where(m => m is not null && m.ReturnType == typeof(IEnumerable<ConformanceCase>))
            .Select(m => m!);
}
