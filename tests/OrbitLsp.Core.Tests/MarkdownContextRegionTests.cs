using CsCheck;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;

namespace OrbitLsp.Core.Tests;

/// <summary>MarkdownContext.At finds a region by binary search: that is right only while no two regions overlap.</summary>
public class MarkdownContextRegionTests
{
    // Fences and comments, open and closed, between blocks and calls.
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.OneOf<string>("```\n", "~~~\n", "````\n", "<!--", "-->", "\n", "  ", "x", "{{< orbit_review >}}\n", "{{< /orbit_review >}}\n", "{{< x >}}"),
            Gen.String[Gen.Char["`~<!-> \nx"], 0, 4])
        .Array[0, 40].Select(parts => string.Concat(parts));

    [Fact]
    public void Regions_do_not_overlap_and_At_finds_what_a_search_from_the_first_finds()
    {
        Text.Sample(text =>
        {
            var doc = NoteDocument.Parse(text);
            var regions = doc.Regions;
            for (int i = 1; i < regions.Length; i++) Assert.True(regions[i].Span.Start >= regions[i - 1].Span.End, $"{regions[i - 1]} overlaps {regions[i]}");
            for (int offset = 0; offset <= text.Length; offset++)
                Assert.Equal(regions.Cast<ContextRegion?>().FirstOrDefault(r => r!.Value.Span.Contains(offset)), MarkdownContext.At(regions, offset));
        }, iter: 5000);
    }
}
