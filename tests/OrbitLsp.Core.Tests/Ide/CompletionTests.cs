using System.Text;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Ide;
using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>Completion in notes and in <c>.orbitlsp.yaml</c>: fixtures with a <c>$0</c> marker and a dump of the suggestions next to them.</summary>
public class CompletionTests
{
    public static TheoryData<string> CompletionFixtures() => IdeFixtures.In("completion");

    public static TheoryData<string> AllNotes() => IdeFixtures.AllNotes();

    public static TheoryData<string> ConfigFixtures() => IdeFixtures.In("config", "*.yaml");

    [Theory]
    [MemberData(nameof(CompletionFixtures))]
    public void Completion_offers_what_fits_where_the_cursor_is(string fixture)
    {
        var (text, offset) = IdeFixtures.WithCursor(fixture);
        var doc = NoteDocument.Parse(text);
        IdeFixtures.Check(fixture, "completion", Dump(text, doc.Lines, Completion.At(doc, offset, CompletionContext.Invoked)));
    }

    [Theory]
    [MemberData(nameof(ConfigFixtures))]
    public void Config_completion_offers_rule_codes_and_severities(string fixture)
    {
        var (text, offset) = IdeFixtures.WithCursor(fixture);
        IdeFixtures.Check(fixture, "completion", Dump(text, Text.LineMap.Create(text), ConfigCompletion.At(text, offset)));
    }

    [Fact]
    public void A_trigger_character_opens_completion_only_where_it_means_something()
    {
        string text = "Note.\n{{< orbit_review color=\"";
        var doc = NoteDocument.Parse(text);
        Assert.Equal(12, Completion.At(doc, text.Length, CompletionContext.Typed('"')).Length);
        Assert.Empty(Completion.At(doc, text.Length, CompletionContext.Typed(' ')));
        var prose = NoteDocument.Parse("Some prose and a space ");
        Assert.Empty(Completion.At(prose, prose.Text.Length, CompletionContext.Typed(' ')));
    }

    [Theory]
    [MemberData(nameof(AllNotes))]
    public void Completion_edits_stay_inside_the_text_anywhere_in_any_fixture(string note)
    {
        var analysis = IdeFixtures.Analyze(note);
        var all = new Text.TextSpan(0, analysis.Document.Text.Length);
        for (int offset = 0; offset <= all.Length; offset += Math.Max(1, all.Length / 60))
            Assert.All(Completion.At(analysis.Document, offset, CompletionContext.Invoked), c => Assert.True(all.Contains(c.Edit.Span)));
    }

    internal static string Dump(string text, Text.LineMap lines, IReadOnlyList<CompletionSuggestion> items)
    {
        var sb = new StringBuilder();
        foreach (var i in items)
        {
            sb.Append($"{i.Label} ({i.Kind}{(i.IsSnippet ? ", snippet" : "")})").Append(i.Detail is null ? "" : $" {i.Detail}").Append('\n')
              .Append("  replace ").Append(IdeFixtures.Describe(text, lines, i.Edit.Span)).Append(" with ").Append(IdeFixtures.Quote(i.Edit.NewText, 200)).Append('\n');
            if (i.FilterText is not null) sb.Append("  filter ").Append(IdeFixtures.Quote(i.FilterText)).Append('\n');
            if (i.Documentation is not null) sb.Append("  doc ").Append(IdeFixtures.Quote(i.Documentation, 400)).Append('\n');
        }
        return sb.Length == 0 ? "(nothing)\n" : sb.ToString();
    }
}
