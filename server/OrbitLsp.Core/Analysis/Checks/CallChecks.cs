using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Syntax;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>Shortcode calls Hugo rejects or reads differently than the author meant (ORBIT-FORMAT §2, §2a).</summary>
internal static class CallChecks
{
    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        foreach (var call in doc.Calls)
            if (call.SyntaxError is { } error) sink.Add(SyntaxError(doc, call, error) with { FailsBuild = true });

        foreach (var call in doc.Calls)
        {
            // A misspelt Orbit shortcode (or "orbit_review/" with no space before the '/') names no template.
            if (call.IsEscaped || call.SyntaxError is not null || !call.Name.StartsWith("orbit", StringComparison.Ordinal)) continue;
            if (call.Name is NoteParser.ReviewShortcode or NoteParser.LegacyStart or NoteParser.LegacyCard or NoteParser.LegacyEnd) continue;
            string hint = call.Name.EndsWith('/') ? " To self-close, put a space before the '/': {{< orbit_review />}}." : " Check the spelling: orbit_review.";
            sink.Add(new NoteDiagnostic(Rules.ShortcodeSyntax, call.NameSpan,
                $"Hugo fails the build: template for shortcode \"{call.Name}\" not found.{hint}") { FailsBuild = true });
        }

        foreach (var stray in doc.StrayClosingTags)
        {
            // Hugo's words depend on whether a block of that name came before.
            bool seenBefore = doc.Blocks.Any(b => b.Form == BlockForm.Shortcode && b.Span.End <= stray.Span.Start);
            string hugo = seenBefore
                ? $"shortcode \"{stray.Name}\" does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided"
                : "got closing shortcode, but none is open";
            sink.Add(new NoteDiagnostic(Rules.StrayClosingTag, stray.Span,
                $"Hugo fails the build: \"{hugo}\". This {Tag(stray)} closes no block; delete it, or add the opening tag it belongs to.") { FailsBuild = true });
        }

        foreach (var block in doc.Blocks)
        {
            if (block.Placement == BlockPlacement.FrontMatter) continue;
            if (block.Form == BlockForm.Shortcode) CheckShortcodeBlock(doc, block, sink);
            CheckColor(block, sink);
        }
    }

    private static void CheckShortcodeBlock(NoteDocument doc, ReviewBlock block, List<NoteDiagnostic> sink)
    {
        var open = block.Open!;
        if (!block.IsClosed && open.SyntaxError is null)
        {
            sink.Add(new NoteDiagnostic(Rules.UnclosedBlock, open.Span,
                "Hugo fails the build: shortcode \"orbit_review\" must be closed or self-closed. Add {{</orbit_review>}} after the block's last answer.") { FailsBuild = true });
        }
        if (block.Placement == BlockPlacement.Nested && block.Parent is { } parent)
        {
            sink.Add(new(Rules.NestedBlock, open.Span,
                "This review block is inside another one: its HTML becomes a single prompt line of the outer block, and its cards never appear. Close the outer block first.",
                new RelatedPlace(parent.OpenSpan, "the outer block opens here")));
        }
        if (block.IsSelfClosed)
        {
            sink.Add(new(Rules.SelfClosedBlock, open.Span,
                "A self-closed orbit_review has no inner text: the page gets an empty review area and the lines after it are plain text. Write {{<orbit_review>}} … {{</orbit_review>}} around the prompts."));
        }
        if (open.SyntaxError is not null) return;

        foreach (var p in open.Parameters)
        {
            if (!p.IsNamed)
            {
                bool looksLikeColor = OrbitColors.IsValid(p.Value.ToLowerInvariant());
                sink.Add(new(Rules.PositionalParameter, p.Span, looksLikeColor
                    ? $"The shortcode only reads the named parameter color, so '{p.Value}' is ignored and the block is purple. Write color=\"{p.Value.ToLowerInvariant()}\"."
                    : $"The shortcode takes no positional parameters: '{p.Value}' is ignored. Remove it."));
            }
            else if (p.Name != "color")
            {
                sink.Add(new(Rules.UnknownParameter, p.Span,
                    $"orbit_review has no parameter '{p.Name}': Hugo accepts it and the shortcode ignores it. The only parameter is color."));
            }
        }
    }

    private static void CheckColor(ReviewBlock block, List<NoteDiagnostic> sink)
    {
        var span = block.ColorParameter?.ValueSpan ?? block.ColorAttribute?.ValueSpan;
        if (block.Open?.SyntaxError is not null) return;
        if (block.ColorParameter is { } param && param.Quoting == ParameterQuoting.None && param.Value.Length >= 2
            && param.Value[0] == '\'' && param.Value[^1] == '\'')
        {
            sink.Add(new(Rules.SingleQuotedValue, param.ValueSpan,
                $"Single quotes are not quotes to Hugo: the page gets color={Shown(param.Value)} with the quotes, Orbit rejects that colour and the review area fails to load. Write color=\"{param.Value.Trim('\'')}\"."));
            return;
        }
        bool written = block.ColorParameter is not null || block.ColorAttribute is not null;
        string value = block.ColorParameter?.Value ?? block.ColorAttribute?.Value ?? "";
        if (written && value.Length == 0)
        {
            string effect = block.Form == BlockForm.Shortcode
                ? "the shortcode falls back to purple"
                : "Orbit picks a colour from the site's host name";
            sink.Add(new(Rules.EmptyColor, span!.Value, $"The colour is empty: {effect}. Write one of {string.Join(", ", OrbitColors.All)}."));
        }
        else if (!written && block.Form == BlockForm.Legacy)
        {
            sink.Add(new(Rules.EmptyColor, block.OpenSpan,
                "orbit_review_start without a color writes color='': Orbit picks a colour from the site's host name. Add color=\"purple\" (or another of the twelve)."));
        }
        else if (written && !OrbitColors.IsValid(value))
        {
            string suggestion = OrbitColors.Suggest(value) is { } near ? $" Did you mean '{near}'?" : "";
            sink.Add(new(Rules.UnknownColor, span!.Value,
                $"Orbit has no colour '{Shown(value)}': the whole review area fails to load.{suggestion} The colours are {string.Join(", ", OrbitColors.All)}."));
        }
    }

    private static NoteDiagnostic SyntaxError(NoteDocument doc, ShortcodeCall call, ShortcodeSyntaxError error)
    {
        string hugo = $"Hugo fails the build: \"{error.HugoMessage}\".";
        var quoted = call.Parameters.FirstOrDefault(p => p.Quoting == ParameterQuoting.Single);
        switch (error.Kind)
        {
            case ShortcodeErrorKind.ValueSwallowsDelimiter when quoted is not null || error.Span.Length > 0 && doc.Text[error.Span.Start] == '\'':
                var q = quoted?.ValueSpan ?? error.Span;
                return new(Rules.SingleQuotedValue, q,
                    $"{hugo} Single quotes are not quotes to Hugo, so it reads the value on past '>}}}}' into the next line. Write {quoted?.Name ?? "color"}=\"{quoted?.Value ?? ""}\".");
            case ShortcodeErrorKind.ValueSwallowsDelimiter:
                var bare = call.Parameters.FirstOrDefault(p => p.Quoting == ParameterQuoting.None && p.IsNamed);
                return new(Rules.UnquotedValueAtDelimiter, bare?.ValueSpan ?? error.Span,
                    $"{hugo} An unquoted value runs to the next space, so Hugo reads '>}}}}' as part of it. Quote the value: {bare?.Name ?? "color"}=\"{bare?.Value ?? ""}\".");
            case ShortcodeErrorKind.MixedParameters when quoted is not null:
                return new(Rules.SingleQuotedValue, quoted.ValueSpan,
                    $"{hugo} Single quotes are not quotes to Hugo: it splits '{Shown(quoted.Value)}' at the space and reads the rest as a positional parameter. Write {quoted.Name ?? "color"}=\"{Shown(quoted.Value)}\".");
            case ShortcodeErrorKind.MixedParameters:
                return new(Rules.MixedParameters, error.Span,
                    $"{hugo} A call's parameters must be all named (color=\"blue\") or all positional. Make them all named.");
            case ShortcodeErrorKind.UnclosedAction:
                return new(Rules.ShortcodeSyntax, call.Span.IsEmpty ? error.Span : TextSpan(call),
                    $"{hugo} This call has no closing '{(call.Notation == ShortcodeNotation.Percent ? "%}}" : ">}}")}'.");
            default:
                return new(Rules.ShortcodeSyntax, error.Span.IsEmpty ? call.Span : error.Span, $"{hugo} Fix the call: {Describe(error)}");
        }
    }

    private static Text.TextSpan TextSpan(ShortcodeCall call) => new(call.Span.Start, Math.Min(call.Span.Length, 3 + call.NameSpan.End - call.Span.Start));

    private static string Describe(ShortcodeSyntaxError error) => error.Kind switch
    {
        ShortcodeErrorKind.UnterminatedQuote => "close the quoted value on the same line (use backticks for a value over several lines).",
        ShortcodeErrorKind.UnrecognizedCharacter => "quote parameter values that hold anything but letters, digits and '-'.",
        ShortcodeErrorKind.MissingName => "a call needs a shortcode name.",
        ShortcodeErrorKind.UnclosedComment => "an escaped call {{</* … */>}} must end with */>}}.",
        _ => "see Hugo's message.",
    };

    private static string Shown(string value) => value.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

    private static string Tag(ShortcodeCall call) => call.Notation == ShortcodeNotation.Percent ? "{{% /" + call.Name + " %}}" : "{{< /" + call.Name + " >}}";
}
