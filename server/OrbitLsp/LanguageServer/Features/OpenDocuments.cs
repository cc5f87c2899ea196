using OrbitLsp.Core.Text;
using OrbitLsp.LanguageServer.Documents;
using OrbitLsp.LanguageServer.Protocol;
using OrbitLsp.LanguageServer.Transport;

namespace OrbitLsp.LanguageServer.Features;

/// <summary>The conversions every feature handler starts or ends with.</summary>
public static class OpenDocuments
{
    /// <summary>The open document's newest snapshot, or InvalidParams.</summary>
    public static DocumentSnapshot Require(this DocumentStore documents, TextDocumentIdentifier? document)
    {
        if (document?.Uri is not { } uri) throw Errors.InvalidParams("textDocument is required.");
        return documents.Get(uri) ?? throw Errors.InvalidParams($"{uri} is not open.");
    }

    /// <summary>The span of an LSP range; a range reaching past the text is cut at its end.</summary>
    public static TextSpan ToSpan(this PositionEncoder encoder, LineMap lines, string text, Protocol.Range range)
    {
        int start = encoder.ToOffset(lines, text, range.Start) ?? text.Length;
        int end = encoder.ToOffset(lines, text, range.End) ?? text.Length;
        return TextSpan.FromBounds(Math.Min(start, end), end);
    }

    /// <summary>
    /// An edit as LSP can say it. An edit that starts or ends where no position can name (between
    /// the <c>\r</c> and <c>\n</c> of a line break, or the halves of a surrogate pair; removing a
    /// CRLF's <c>\r</c> is one) is widened to the whole line break or character, its new text taking
    /// the characters it now covers, so that the client's text ends up the same.
    /// </summary>
    public static Protocol.TextEdit ToLsp(this PositionEncoder encoder, LineMap lines, string text, Core.Ide.TextEdit edit)
    {
        if (!LineMap.IsUnnameable(text, edit.Span.Start) && !LineMap.IsUnnameable(text, edit.Span.End))
            return new(encoder.ToRange(lines, text, edit.Span), edit.NewText);
        int start = edit.Span.Start - (LineMap.IsUnnameable(text, edit.Span.Start) ? 1 : 0);
        int end = edit.Span.End + (LineMap.IsUnnameable(text, edit.Span.End) ? 1 : 0);
        string newText = string.Concat(text.AsSpan(start, edit.Span.Start - start), edit.NewText, text.AsSpan(edit.Span.End, end - edit.Span.End));
        return new(new Protocol.Range(encoder.ToPosition(lines, text, start), encoder.ToPosition(lines, text, end)), newText);
    }
}
