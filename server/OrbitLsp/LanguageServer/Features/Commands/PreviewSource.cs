using System.Collections.Immutable;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.LanguageServer.Configuration;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Transport;
using OrbitLsp.Workspace;

namespace OrbitLsp.LanguageServer.Features.Commands;

/// <summary>
/// The note a preview is about (open in the editor, else read from disk) and its chosen cards;
/// <see cref="Version"/> is the editor's version analysed, null for a note read from disk.
/// </summary>
public sealed record PreviewSource(string Title, NoteAnalysis Analysis, ImmutableArray<Card> Cards)
{
    public int? Version { get; init; }

    public static async Task<PreviewSource> LoadAsync(PreviewArguments args, DocumentStore documents, SettingsService settings, PositionEncoder encoder, CancellationToken ct)
    {
        var (analysis, version) = await AnalysisOf(args.Uri, documents, settings, ct).ConfigureAwait(false);
        var doc = analysis.Document;
        string title = doc.FrontMatter?.Get("title")?.Value is { Length: > 0 } t ? t : Path.GetFileName(Uri.UnescapeDataString(args.Uri));
        if (args.Scope == PreviewScope.Document) return new(title, analysis, CardExtractor.Extract(analysis)) { Version = version };

        if (encoder.ToOffset(doc.Lines, doc.Text, args.Position!) is not { } offset)
            throw Errors.InvalidParams($"position {args.Position!.Line}:{args.Position.Character} is outside the note.");
        var published = CardExtractor.PublishedBlocks(doc).Where(b => b.Block.Span.Touches(offset)).ToList();
        if (published.Count == 0)
            throw Errors.InvalidParams($"there is no published review block at line {args.Position!.Line + 1}; use \"scope\": \"document\" for the whole note.");
        var (index, block) = published[^1];
        return new($"{title} · block {index + 1}", analysis, CardExtractor.Extract(analysis, b => ReferenceEquals(b, block))) { Version = version };
    }

    /// <summary>The note's analysis and the editor's version: the editor's text when open, else read from disk (no version).</summary>
    public static async Task<(NoteAnalysis Analysis, int? Version)> AnalysisOf(string uri, DocumentStore documents, SettingsService settings, CancellationToken ct)
    {
        if (documents.Get(uri) is { } open)
        {
            if (open.IsDiverged) throw Errors.RequestFailed($"{uri} is out of sync with the editor ({open.DivergedReason}); close and reopen it.");
            return (await open.AnalyzeAsync(ct).ConfigureAwait(false), open.Version);
        }
        if (SettingsService.LocalPath(uri) is not { } path)
            throw Errors.InvalidParams($"\"uri\" {uri} is neither open nor a file:// URI.");
        var (text, error) = NoteReader.Read(path);
        if (text is null) throw Errors.InvalidParams($"cannot read {path}: {error}");
        return (await Task.Run(() => NoteAnalyzer.Analyze(text, settings.For(uri)), ct).ConfigureAwait(false), null);
    }
}
