namespace Stadtkern.Tests.Support;

/// <summary>
/// The services scripts/services.sh starts for the tests (mosquitto, ...), found through environment variables. A test that
/// needs one skips with a clear message when it is missing on a developer's machine, and fails when <c>CI=true</c>.
/// </summary>
public static class ExternalServices
{
    /// <summary>The external MQTT broker, <c>mqtt://127.0.0.1:PORT</c>.</summary>
    public static string MqttBroker() => Require("STADTKERN_TEST_MQTT_BROKER", "mosquitto");

    /// <summary>The throwaway PostgreSQL cluster: a connection string to its template database, which has PostGIS.</summary>
    public static string Postgres() => Require("STADTKERN_TEST_POSTGRES", "PostgreSQL");

    private static string Require(string variable, string service)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value)) return value;
        return Missing($"{variable} is not set: start {service} with scripts/services.sh (scripts/test.sh does), or run the tests through scripts/test.sh.");
    }

    /// <summary>The ETSI NGSI-LD suite's data folder, found as <c>stadtkern check</c> finds it.</summary>
    public static string EtsiSuite()
    {
        try
        {
            return Stadtkern.Host.Tools.Check.SuiteLocation.Find(null).Root;
        }
        catch (DirectoryNotFoundException e)
        {
            return Missing(e.Message);
        }
    }

    private static string Missing(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException($"CI=true, but {message}");
        Skip.If(true, message);
        return "";
    }
}
