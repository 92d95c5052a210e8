namespace Stadtkern.Conformance.Tests.Unit;

public sealed class KnownFailuresTests
{
    [Fact]
    public void Reads_keys_reasons_and_comments()
    {
        var list = KnownFailures.Parse("""
            # a comment
            jsonldContext/Provision/AddContext/050_01_01   kind is not reported yet (#12)

            CommonBehaviours/CommonResponses/VerifyMergePatchJson/044_01_01
            """);
        Assert.Equal(2, list.Entries.Count);
        Assert.True(list.TryGetReason("jsonldContext/Provision/AddContext/050_01_01", out var reason));
        Assert.Equal("kind is not reported yet (#12)", reason);
        Assert.True(list.TryGetReason("CommonBehaviours/CommonResponses/VerifyMergePatchJson/044_01_01", out var none));
        Assert.Equal("", none);
        Assert.False(list.TryGetReason("# a comment", out _));
    }

    [Fact]
    public void The_shipped_list_names_only_existing_cases()
    {
        var list = KnownFailures.Load(Path.Combine(AppContext.BaseDirectory, "known-failures.txt"));
        var keys = CaseCatalog.All.Select(c => c.Key).ToHashSet();
        Assert.All(list.Entries.Keys, k => Assert.Contains(k, keys));
    }
}
