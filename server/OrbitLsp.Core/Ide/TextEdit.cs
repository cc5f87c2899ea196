using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>Replace the text of <see cref="Span"/> with <see cref="NewText"/>; an empty span inserts.</summary>
public sealed record TextEdit(TextSpan Span, string NewText);
