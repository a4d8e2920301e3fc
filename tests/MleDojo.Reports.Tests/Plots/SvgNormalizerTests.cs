using MleDojo.Reports.Plots;

namespace MleDojo.Reports.Tests.Plots;

public sealed class SvgNormalizerTests
{
    [Fact]
    public void Normalize_CounterIds_RenumberedInOrderOfAppearance()
    {
        const string svg = "<svg><clipPath id=\"cl_9\"/><g clip-path=\"url(#cl_9)\"/><clipPath id=\"cl_12\"/><use href=\"#cl_12\"/></svg>";

        Assert.Equal(
            "<svg><clipPath id=\"plot-1\"/><g clip-path=\"url(#plot-1)\"/><clipPath id=\"plot-2\"/><use href=\"#plot-2\"/></svg>",
            SvgNormalizer.Normalize(svg));
    }

    [Fact]
    public void Normalize_FontFamily_GetsGenericFallback()
    {
        Assert.Equal("<text font-family=\"DejaVu Sans, sans-serif\">a</text>", SvgNormalizer.Normalize("<text font-family=\"DejaVu Sans\">a</text>"));
    }
}
