using Xunit.Abstractions;
using Xunit.Sdk;

namespace Stadtkern.Conformance.Tests.Harness;

/// <summary>A skippable theory whose rows are shown under their case key (<c>jsonldContext/Provision/AddContext/050_01_01</c>) rather than as a method call.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Stadtkern.Conformance.Tests.Harness.ConformanceTheoryDiscoverer", "Stadtkern.Conformance.Tests")]
public sealed class ConformanceTheoryAttribute : TheoryAttribute;

/// <summary>Makes one <see cref="CaseTestCase"/> per data row.</summary>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new CaseTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];
}

/// <summary>A skippable test case (a <see cref="Xunit.SkipException"/> reports it as skipped) named by its first argument.</summary>
public sealed class CaseTestCase : SkippableFactTestCase
{
    [Obsolete("For the de-serializer only.", error: true)]
    public CaseTestCase()
    {
    }

    public CaseTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod method, object[] arguments)
        : base([typeof(Xunit.SkipException).FullName!], sink, display, displayOptions, method, arguments)
    {
    }

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        TestMethodArguments is [string key] ? key : base.GetDisplayName(factAttribute, displayName);
}
