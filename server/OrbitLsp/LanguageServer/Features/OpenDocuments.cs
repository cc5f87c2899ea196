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

    public static Protocol.TextEdit ToLsp(this PositionEncoder encoder, LineMap lines, string text, Core.Ide.TextEdit edit) =>
        new(encoder.ToRange(lines, text, edit.Span), edit.NewText);
}
