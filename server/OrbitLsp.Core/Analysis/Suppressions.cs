using System.Text.RegularExpressions;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Analysis;

/// <summary>
/// markdownlint-style comments that turn rules off for part of a note:
/// <c>&lt;!-- orbitlsp-disable OL005 --&gt;</c> … <c>&lt;!-- orbitlsp-enable --&gt;</c>,
/// <c>&lt;!-- orbitlsp-disable-next-line OL003 --&gt;</c> and <c>&lt;!-- orbitlsp-disable-line --&gt;</c>.
/// With no codes a comment applies to every rule.
/// </summary>
internal sealed partial class Suppressions
{
    private enum Kind { Disable, Enable, DisableNextLine, DisableLine }

    private sealed record Directive(Kind Kind, int Line, HashSet<string>? Codes);

    private readonly List<Directive> _directives = [];

    [GeneratedRegex(@"<!--\s*orbitlsp-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->", RegexOptions.CultureInvariant)]
    private static partial Regex DirectivePattern();

    public static Suppressions Read(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        var result = new Suppressions();
        if (doc.Text.IndexOf("orbitlsp-", StringComparison.Ordinal) < 0) return result;
        foreach (Match m in DirectivePattern().Matches(doc.Text))
        {
            var kind = m.Groups[1].Value switch
            {
                "disable" => Kind.Disable,
                "enable" => Kind.Enable,
                "disable-next-line" => Kind.DisableNextLine,
                _ => Kind.DisableLine,
            };
            HashSet<string>? codes = null;
            var group = m.Groups[2];
            foreach (Match word in Regex.Matches(group.Value, @"[^\s,]+"))
            {
                var rule = Rules.Find(word.Value);
                if (rule is null)
                {
                    sink.Add(new(Rules.UnknownRuleInComment, new TextSpan(group.Index + word.Index, word.Length),
                        $"'{word.Value}' is not an OrbitLsp rule, so this comment turns nothing off. Rules are named like OL001 or unanswered-prompt."));
                    continue;
                }
                (codes ??= []).Add(rule.Code);
            }
            if (codes is null && group.Value.Trim().Length > 0) codes = []; // only unknown names: applies to none
            result._directives.Add(new Directive(kind, doc.Lines.GetLine(m.Index), codes));
        }
        return result;
    }

    public bool IsSuppressed(string code, int line)
    {
        if (_directives.Count == 0) return false;
        bool disabledAll = false;
        var disabled = new HashSet<string>();
        foreach (var d in _directives)
        {
            if (d.Line > line) break;
            switch (d.Kind)
            {
                case Kind.Disable when d.Codes is null: disabledAll = true; disabled.Clear(); break;
                case Kind.Disable: disabled.UnionWith(d.Codes); break;
                case Kind.Enable when d.Codes is null: disabledAll = false; disabled.Clear(); break;
                case Kind.Enable: disabled.ExceptWith(d.Codes); break;
                case Kind.DisableNextLine when d.Line + 1 == line && (d.Codes is null || d.Codes.Contains(code)): return true;
                case Kind.DisableLine when d.Line == line && (d.Codes is null || d.Codes.Contains(code)): return true;
            }
        }
        return disabledAll || disabled.Contains(code);
    }
}
