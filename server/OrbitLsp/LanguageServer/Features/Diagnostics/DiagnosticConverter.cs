using OrbitLsp.Core.Diagnostics;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Workspace;
using OrbitLsp.Workspace;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary>The core's diagnostics as LSP diagnostics: code, rule page, source, related places, tags.</summary>
public static class DiagnosticConverter
{
    public const string Source = "orbitlsp";

    private sealed record Converted(PositionEncoder Encoder, string? DocsBaseUrl, Diagnostic[] Items);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DocumentSnapshot, Converted> Cache = new();

    /// <summary>
    /// The snapshot's diagnostics as LSP sends them. A prose edit shares its basis's: same lines,
    /// same ranges, so the basis's converted list is reused as it is.
    /// </summary>
    public static Diagnostic[] Convert(DocumentSnapshot snapshot, PositionEncoder encoder, string? docsBaseUrl)
    {
        if (snapshot.IsDiverged) return [];
        if (snapshot.IsConfig) return ConfigProblems(snapshot, encoder);
        var basis = snapshot.Basis;
        if (Cache.TryGetValue(basis, out var done) && done.Encoder == encoder && done.DocsBaseUrl == docsBaseUrl) return done.Items;
        var items = ConvertAnalysis(basis, encoder, docsBaseUrl);
        Cache.AddOrUpdate(basis, new Converted(encoder, docsBaseUrl, items));
        return items;
    }

    private static Diagnostic[] ConvertAnalysis(DocumentSnapshot snapshot, PositionEncoder encoder, string? docsBaseUrl)
    {
        var diagnostics = snapshot.Diagnostics;
        var lines = snapshot.Lines;
        // UTF-16 positions come from the line map and the characters at a span's ends: a keystroke's
        // version need not make its whole text.
        var chars = snapshot.Chars;
        string? text = encoder.IsUtf8 ? snapshot.Text : null;
        var result = new Diagnostic[diagnostics.Length];
        for (int i = 0; i < result.Length; i++)
        {
            var d = diagnostics[i];
            result[i] = new Diagnostic
            {
                Range = encoder.ToRange(lines, chars, text, d.Span),
                Severity = (int)d.Severity,
                Code = d.Code,
                CodeDescription = new CodeDescription(RuleDocs.Href(d.Rule, docsBaseUrl)),
                Source = Source,
                Message = d.Message,
                Tags = Tags(d.Rule.Tags),
                RelatedInformation = d.Related.IsDefaultOrEmpty ? null : [.. d.Related.Select(r =>
                    new DiagnosticRelatedInformation(new Location(r.File ?? snapshot.Uri, encoder.ToRange(lines, chars, text, r.Span)), r.Message))],
            };
        }
        return result;
    }

    /// <summary>A closed note's diagnostic as the index keeps it (positions already in the agreed encoding).</summary>
    public static Diagnostic FromIndex(IndexedDiagnostic d, string key, string? docsBaseUrl) => new()
    {
        Range = d.Range.ToProtocol(),
        Severity = (int)d.Severity,
        Code = d.Rule.Code,
        CodeDescription = new CodeDescription(RuleDocs.Href(d.Rule, docsBaseUrl)),
        Source = Source,
        Message = d.Message,
        Tags = Tags(d.Rule.Tags),
        RelatedInformation = d.Related.IsDefaultOrEmpty ? null : [.. d.Related.Select(r => new DiagnosticRelatedInformation(new Location(NoteUris.Uri(r.File ?? key), r.Range.ToProtocol()), r.Message))],
    };

    /// <summary>An open <c>.orbitlsp.yaml</c>: what cannot be read of it, as warnings (it is still used).</summary>
    private static Diagnostic[] ConfigProblems(DocumentSnapshot snapshot, PositionEncoder encoder)
    {
        var (_, problems) = Core.Config.OrbitConfig.Parse(snapshot.Text);
        return [.. problems.Select(p => new Diagnostic
        {
            Range = encoder.ToRange(snapshot.Lines, snapshot.Text, p.Span),
            Severity = (int)Severity.Warning,
            Source = Source,
            Message = p.Message,
        })];
    }

    private static int[]? Tags(RuleTags tags) => tags switch
    {
        RuleTags.None => null,
        RuleTags.Unnecessary => [1],
        RuleTags.Deprecated => [2],
        _ => [1, 2],
    };
}
