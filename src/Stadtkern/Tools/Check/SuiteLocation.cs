using Stadtkern.Conformance;

namespace Stadtkern.Host.Tools.Check;

/// <summary>Where <c>check</c> finds the ETSI suite's data: <c>--suite</c>, else <c>STADTKERN_ETSI_DATA</c>, else a <c>shared/etsi-ngsi-ld</c> above the working directory or the program, else <c>/work/shared/etsi-ngsi-ld</c>.</summary>
internal static class SuiteLocation
{
    private const string MachineDefault = "/work/shared/etsi-ngsi-ld";

    /// <exception cref="DirectoryNotFoundException">With a message that says where it looked and how to point at the folder.</exception>
    public static SuiteData Find(string? option)
    {
        if (option is not null) return new SuiteData(option);
        try
        {
            if (SuiteData.TryLocate() is { } found) return found;
        }
        catch (DirectoryNotFoundException e)
        {
            throw new DirectoryNotFoundException($"{SuiteData.EnvironmentVariable}: {e.Message}");
        }
        if (Directory.Exists(Path.Combine(MachineDefault, "data"))) return new SuiteData(MachineDefault);
        throw new DirectoryNotFoundException(
            "The ETSI NGSI-LD test suite data was not found. Give its folder (the one with data/ and jsonld-contexts/, from " +
            $"https://forge.etsi.org/rep/cim/ngsi-ld-test-suite) with --suite DIR or {SuiteData.EnvironmentVariable}, " +
            $"or run below a folder that has shared/etsi-ngsi-ld; also looked in {MachineDefault}.");
    }
}
