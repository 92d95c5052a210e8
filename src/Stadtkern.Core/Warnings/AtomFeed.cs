using System.Text;
using System.Xml;

namespace Stadtkern.Warnings;

/// <summary>Writes the warnings in force as an Atom 1.0 feed (RFC 4287): one entry per warning, linking its CAP XML, for warning systems and apps to poll.</summary>
public static class AtomFeed
{
    public const string MediaType = "application/atom+xml";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <param name="current">The warnings in force, newest first.</param>
    /// <param name="updated">When the set last changed (the newest publication, including Cancels that removed entries).</param>
    /// <param name="baseUri">The public address of the host, ending in a slash.</param>
    public static byte[] Write(IReadOnlyList<Warning> current, DateTimeOffset updated, Uri baseUri)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            var self = new Uri(baseUri, "cap/alerts.atom").AbsoluteUri;
            xml.WriteElementString("id", Atom, self);
            xml.WriteElementString("title", Atom, "Stadtkern: current public warnings (CAP 1.2)");
            xml.WriteElementString("updated", Atom, CapVocabulary.FormatTime(updated));
            Link(xml, "self", MediaType, self);
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "Stadtkern");
            xml.WriteEndElement();
            foreach (var warning in current) WriteEntry(xml, warning, baseUri);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, Warning warning, Uri baseUri)
    {
        var info = (warning.Alert.Info ?? []).FirstOrDefault();
        var capUri = new Uri(baseUri, $"cap/alerts/{Uri.EscapeDataString(warning.Id)}.xml").AbsoluteUri;
        xml.WriteStartElement("entry", Atom);
        xml.WriteElementString("id", Atom, capUri);
        xml.WriteElementString("title", Atom, info?.Headline ?? info?.Event ?? warning.Id);
        xml.WriteElementString("updated", Atom, CapVocabulary.FormatTime(warning.Sent!.Value));
        xml.WriteElementString("published", Atom, CapVocabulary.FormatTime(warning.Sent.Value));
        xml.WriteStartElement("author", Atom);
        xml.WriteElementString("name", Atom, info?.SenderName ?? warning.Alert.Sender);
        xml.WriteEndElement();
        Link(xml, "alternate", CapXml.MediaType, capUri);
        foreach (var category in info?.Category ?? [])
        {
            xml.WriteStartElement("category", Atom);
            xml.WriteAttributeString("term", category);
            xml.WriteEndElement();
        }
        if (info is not null)
            xml.WriteElementString("summary", Atom, $"{info.Event}: {info.Severity} severity, {info.Urgency} urgency. {info.Description}".TrimEnd());
        xml.WriteEndElement();
    }

    private static void Link(XmlWriter xml, string rel, string type, string href)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
