using System.Globalization;
using System.Text;
using System.Xml;

namespace Stadtkern.Warnings;

/// <summary>Writes a published warning as a CAP 1.2 <c>alert</c>, elements in the order the schema's sequences fix.</summary>
public static class CapXml
{
    /// <summary>The media type registered for CAP (IANA, application/cap+xml).</summary>
    public const string MediaType = "application/cap+xml";

    public static byte[] Write(Warning warning, IReadOnlyList<string> capReferences)
    {
        var alert = warning.Alert;
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("alert", CapVocabulary.Namespace);
            Element(xml, "identifier", warning.Identifier ?? throw new InvalidOperationException($"Warning {warning.Id} is not published."));
            Element(xml, "sender", alert.Sender);
            Element(xml, "sent", CapVocabulary.FormatTime(warning.Sent!.Value));
            Element(xml, "status", alert.Status);
            Element(xml, "msgType", alert.MsgType);
            Element(xml, "scope", alert.Scope);
            Element(xml, "restriction", alert.Restriction);
            Element(xml, "addresses", alert.Addresses);
            Element(xml, "note", alert.Note);
            if (capReferences.Count > 0) Element(xml, "references", string.Join(' ', capReferences));
            foreach (var info in alert.Info ?? []) WriteInfo(xml, info);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteInfo(XmlWriter xml, InfoDocument info)
    {
        xml.WriteStartElement("info", CapVocabulary.Namespace);
        Element(xml, "language", info.Language);
        foreach (var category in info.Category ?? []) Element(xml, "category", category);
        Element(xml, "event", info.Event);
        foreach (var response in info.ResponseType ?? []) Element(xml, "responseType", response);
        Element(xml, "urgency", info.Urgency);
        Element(xml, "severity", info.Severity);
        Element(xml, "certainty", info.Certainty);
        Element(xml, "audience", info.Audience);
        foreach (var code in info.EventCode ?? []) Pair(xml, "eventCode", code);
        Element(xml, "effective", Time(info.Effective));
        Element(xml, "onset", Time(info.Onset));
        Element(xml, "expires", Time(info.Expires));
        Element(xml, "senderName", info.SenderName);
        Element(xml, "headline", info.Headline);
        Element(xml, "description", info.Description);
        Element(xml, "instruction", info.Instruction);
        Element(xml, "web", info.Web);
        Element(xml, "contact", info.Contact);
        foreach (var area in info.Area ?? [])
        {
            xml.WriteStartElement("area", CapVocabulary.Namespace);
            Element(xml, "areaDesc", area.AreaDesc);
            foreach (var polygon in area.Polygon ?? []) Element(xml, "polygon", Polygon(polygon));
            foreach (var circle in area.Circle ?? [])
                Element(xml, "circle", $"{CapPoint.TryParse(circle.Center, out _)} {circle.Radius!.Value.ToString(CultureInfo.InvariantCulture)}");
            foreach (var geocode in area.Geocode ?? []) Pair(xml, "geocode", geocode);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    /// <summary>Points as CAP writes them, "lat,lon" separated by spaces, normalised (no stray spaces inside a pair).</summary>
    private static string Polygon(List<string> points) => string.Join(' ', points.Select(p => CapPoint.TryParse(p, out _).ToString()));

    private static string? Time(string? value) => CapVocabulary.TryParseTime(value, out var time) ? CapVocabulary.FormatTime(time) : null;

    private static void Pair(XmlWriter xml, string name, NamedValue pair)
    {
        xml.WriteStartElement(name, CapVocabulary.Namespace);
        Element(xml, "valueName", pair.ValueName);
        Element(xml, "value", pair.Value);
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, string? value)
    {
        if (value is not null) xml.WriteElementString(name, CapVocabulary.Namespace, value);
    }
}
