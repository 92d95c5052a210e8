namespace Stadtkern.Conformance.Tests.Unit;

/// <summary>Checks every case table without a broker: unique keys, steps present, data files that exist, paths that parse.</summary>
public sealed class CaseTablesTests
{
    [Fact]
    public void Keys_are_unique() => Assert.Empty(CaseCatalog.DuplicateKeys());

    [Fact]
    public void Every_case_has_steps_and_a_title() =>
        Assert.Empty(CaseCatalog.All.Where(c => c.Steps.Count == 0 || string.IsNullOrWhiteSpace(c.Title)).Select(c => c.Key));

    [Fact]
    public void Every_data_file_exists_and_every_path_parses()
    {
        var data = SuiteData.Locate();
        var problems = new List<string>();
        foreach (var @case in CaseCatalog.All)
        {
            foreach (var payload in PayloadsOf(@case))
            {
                if (payload.File is { } file && !data.Exists(file))
                {
                    problems.Add($"{@case.Key}: no data file {file}");
                }

                foreach (var edit in payload.Edits)
                {
                    var path = edit switch { JsonEdit.Set s => s.Path, JsonEdit.Remove r => r.Path, _ => "$" };
                    try
                    {
                        JsonPath.Parse(path);
                    }
                    catch (FormatException e)
                    {
                        problems.Add($"{@case.Key}: {e.Message}");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Groups_follow_the_suite_folders()
    {
        Assert.Equal("jsonldContext", CaseCatalog.GroupOf("jsonldContext/Provision/AddContext"));
        Assert.Equal("CommonBehaviours", CaseCatalog.GroupOf("CommonBehaviours/CommonResponses/VerifyMergePatchJson"));
        Assert.Equal("ContextInformation/Provision", CaseCatalog.GroupOf("ContextInformation/Provision/Entities/CreateEntity"));
    }

    [Theory]
    [InlineData("jsonldContext", 61)]
    [InlineData("CommonBehaviours", 28)] // 33 in the suite; 5 need context source registrations
    [InlineData("ContextInformation/Subscription", 150)] // every case of the fork's folders, MQTT included
    public void Group_has_its_ported_cases(string group, int count) =>
        Assert.Equal(count, CaseCatalog.All.Count(c => CaseCatalog.GroupOf(c.Clause) == group));

    private static IEnumerable<Payload> PayloadsOf(ConformanceCase @case)
    {
        var top = @case.Steps.Select(s => s.Request.Body)
            .Concat(@case.Steps.SelectMany(s => s.Checks.OfType<Check.Body>().Select(b => b.Expected)))
            .Concat(@case.Cleanup.Select(r => r.Body))
            .Concat(@case.ServedContexts.Select(s => s.Document))
            .OfType<Payload>();
        return top.SelectMany(Flatten);
    }

    private static IEnumerable<Payload> Flatten(Payload payload) =>
        [payload, .. (payload.Items ?? []).SelectMany(Flatten)];
}
