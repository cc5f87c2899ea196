using System.Collections.Immutable;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// Completion in <c>.orbitlsp.yaml</c>: the <c>rules:</c> key at the top level, rule codes as keys
/// under it (with the rule's name and title as documentation), severities as their values.
/// </summary>
public static class ConfigCompletion
{
    private static readonly (string Word, string Meaning)[] Severities =
    [
        ("off", "The rule is not checked."),
        ("hint", "Shown faintly, not listed as a problem."),
        ("information", "Listed as information."),
        ("warning", "Listed as a warning; `orbitlsp check` does not fail on it."),
        ("error", "Listed as an error; `orbitlsp check` fails on it."),
    ];

    public static ImmutableArray<CompletionSuggestion> At(string yamlText, int offset)
    {
        offset = Math.Clamp(offset, 0, yamlText.Length);
        int lineStart = offset == 0 ? 0 : yamlText.LastIndexOf('\n', offset - 1) + 1;
        string before = yamlText[lineStart..offset];
        if (before.TrimStart().StartsWith('#')) return [];
        int indent = before.Length - before.TrimStart(' ').Length;
        int colon = before.IndexOf(':');
        if (colon >= 0)
        {
            if (indent == 0 || before[(colon + 1)..].Trim().Contains(' ')) return [];
            var rule = Rules.Find(before[..colon].Trim().Trim('"', '\''));
            return SeverityItems(yamlText, offset, rule);
        }
        var word = WordSpan(yamlText, offset, lineStart + indent);
        if (indent == 0)
            return [new CompletionSuggestion("rules", CompletionKind.Property, "rule severities",
                "Maps rule codes (or names) to a severity: `off`, `hint`, `information`, `warning` or `error`.",
                new TextEdit(word, "rules:\n  "), FilterText: "rules")];
        var present = PresentRules(yamlText);
        var items = ImmutableArray.CreateBuilder<CompletionSuggestion>();
        foreach (var rule in Rules.All)
        {
            if (present.Contains(rule.Code)) continue;
            items.Add(new CompletionSuggestion(rule.Code, CompletionKind.Property, rule.Name,
                $"**{rule.Code} {rule.Name}**: {rule.Title}.\n\nDefault severity: {rule.DefaultSeverity.Name()}. See `{rule.DocPath}`.",
                new TextEdit(word, rule.Code + ": "), FilterText: rule.Code + " " + rule.Name, SortText: rule.Code));
        }
        return items.ToImmutable();
    }

    private static ImmutableArray<CompletionSuggestion> SeverityItems(string text, int offset, Rule? rule)
    {
        var word = WordSpan(text, offset, 0);
        var items = ImmutableArray.CreateBuilder<CompletionSuggestion>(Severities.Length);
        for (int i = 0; i < Severities.Length; i++)
        {
            var (severity, meaning) = Severities[i];
            bool isDefault = rule is not null && rule.DefaultSeverity.Name() == severity;
            string newText = word.Start > 0 && text[word.Start - 1] == ':' ? " " + severity : severity;
            items.Add(new CompletionSuggestion(severity, CompletionKind.EnumMember, isDefault ? "the rule's default" : null,
                meaning, new TextEdit(word, newText), SortText: i.ToString()));
        }
        return items.MoveToImmutable();
    }

    /// <summary>The word around the offset (letters, digits, '-'), not reaching before <paramref name="floor"/>.</summary>
    private static TextSpan WordSpan(string text, int offset, int floor)
    {
        int s = offset, e = offset;
        while (s > floor && IsWordChar(text[s - 1])) s--;
        while (e < text.Length && IsWordChar(text[e])) e++;
        return TextSpan.FromBounds(s, e);
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>Codes of the rules the file already sets, written as a code or a name.</summary>
    private static HashSet<string> PresentRules(string text)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon <= 0 || !line.StartsWith(' ')) continue;
            if (Rules.Find(line[..colon].Trim().Trim('"', '\'')) is { } rule) codes.Add(rule.Code);
        }
        return codes;
    }
}
