using System.Xml;
using System.Xml.Schema;

namespace Stadtkern.Tests.Warnings;

/// <summary>The OASIS CAP 1.2 schema from the shared folder beside the repository (<c>shared/cap</c>), never copied into the repository.</summary>
public static class CapSchema
{
    /// <summary>Environment variable naming the <c>cap</c> folder, for runs outside a checkout.</summary>
    public const string EnvironmentVariable = "STADTKERN_CAP_DATA";
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>The <c>cap</c> folder: from <see cref="EnvironmentVariable"/>, or found by walking up from the test binaries and the working directory.</summary>
    public static string Folder { get; } = Locate();

    /// <summary>Every schema error of a document; empty when it validates.</summary>
    public static IReadOnlyList<string> Errors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, DtdProcessing = DtdProcessing.Prohibit };
                // Elements the schema does not declare draw only warnings: the XML-DSig signature it admits laxly, but also a root
        // that is not a CAP alert at all. So the root is checked here, and the warnings are not counted.
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error) errors.Add($"line {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        reader.MoveToContent();
        if (reader.LocalName != "alert" || reader.NamespaceURI != Namespace)
            errors.Add($"The root element is {{{reader.NamespaceURI}}}{reader.LocalName}, not a CAP 1.2 alert.");
        while (reader.Read())
        {
        }
        return errors;
    }

    /// <summary>Fails the test with the schema's errors and the document unless it validates.</summary>
    public static void AssertValid(string xml)
    {
        var errors = Errors(xml);
        Assert.True(errors.Count == 0, $"CAP 1.2 schema errors:\n{string.Join('\n', errors)}\n\n{xml}");
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(Folder, "CAP-v1.2.xsd"));
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }

    private static string Locate() => Support.SharedData.Locate("cap", "CAP-v1.2.xsd", EnvironmentVariable);
}
