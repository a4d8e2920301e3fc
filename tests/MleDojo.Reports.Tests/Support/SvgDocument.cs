using System.Xml.Linq;

namespace MleDojo.Reports.Tests.Support;

/// <summary>A plot's SVG parsed as XML (which checks it is well-formed), and the texts a reader would see in it.</summary>
public sealed class SvgDocument
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public SvgDocument(string svg)
    {
        Root = XDocument.Parse(svg).Root ?? throw new InvalidOperationException("An SVG without a root element.");
        Assert.Equal(Svg + "svg", Root.Name);
        Texts = [.. Root.Descendants(Svg + "text").Select(static text => text.Value.Trim())];
    }

    public XElement Root { get; }

    /// <summary>Every &lt;text&gt;'s content, in document order.</summary>
    public IReadOnlyList<string> Texts { get; }
}
