using System.Collections.Immutable;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrbitLsp.Core.Config;

/// <summary>A problem in a <c>.orbitlsp.yaml</c>, located in that file's text.</summary>
public sealed record ConfigProblem(TextSpan Span, string Message);

/// <summary>
/// Reads <c>.orbitlsp.yaml</c>:
/// <code>
/// rules:
///   OL005: off            # or the rule's name: odd-run: off
///   stripped-asterisks: error
/// </code>
/// Unknown keys, rules and severities are reported; what can be read is still used.
/// </summary>
public static class OrbitConfig
{
    public const string FileName = ".orbitlsp.yaml";

    public static (RuleSettings Settings, ImmutableArray<ConfigProblem> Problems) Parse(string text)
    {
        var problems = ImmutableArray.CreateBuilder<ConfigProblem>();
        var overrides = ImmutableDictionary.CreateBuilder<string, Severity?>();
        var lines = LineMap.Create(text);
        TextSpan SpanOf(YamlNode node)
        {
            int start = lines.LineStart((int)node.Start.Line - 1) + (int)node.Start.Column - 1;
            int end = lines.LineStart((int)node.End.Line - 1) + (int)node.End.Column - 1;
            start = Math.Clamp(start, 0, text.Length);
            return TextSpan.FromBounds(start, Math.Clamp(Math.Max(start, end), 0, text.Length));
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
                return (RuleSettings.Default, []);
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add(new(SpanOf(stream.Documents[0].RootNode), "The file must be a map with a 'rules' key."));
                return (RuleSettings.Default, problems.ToImmutable());
            }
            foreach (var (key, value) in root.Children)
            {
                string name = (key as YamlScalarNode)?.Value ?? "";
                if (name != "rules")
                {
                    problems.Add(new(SpanOf(key), $"Unknown setting '{name}'. The only setting is 'rules'."));
                    continue;
                }
                if (value is YamlScalarNode { Value: null or "" }) continue;
                if (value is not YamlMappingNode rules)
                {
                    problems.Add(new(SpanOf(value), "'rules' must map rule codes to severities, e.g. OL005: off."));
                    continue;
                }
                foreach (var (ruleKey, severityNode) in rules.Children)
                {
                    string ruleName = (ruleKey as YamlScalarNode)?.Value ?? "";
                    var rule = Rules.Find(ruleName);
                    if (rule is null)
                    {
                        problems.Add(new(SpanOf(ruleKey), $"'{ruleName}' is not an OrbitLsp rule. Rules are named like OL001 or unanswered-prompt."));
                        continue;
                    }
                    string? word = (severityNode as YamlScalarNode)?.Value;
                    if (!SeverityNames.TryParse(word, out var severity))
                    {
                        problems.Add(new(SpanOf(severityNode), $"'{word}' is not a severity. Use off, hint, information, warning or error."));
                        continue;
                    }
                    overrides[rule.Code] = severity;
                }
            }
        }
        catch (YamlException e)
        {
            int line = Math.Max(0, (int)e.Start.Line - 1);
            int start = Math.Clamp(lines.LineStart(line) + Math.Max(0, (int)e.Start.Column - 1), 0, text.Length);
            problems.Add(new(TextSpan.FromBounds(start, Math.Max(start, lines.LineEnd(line, text))),
                $"This is not valid YAML: {(e.InnerException ?? e).Message.Split("): ").Last()}"));
        }
        return (new RuleSettings(overrides.ToImmutable()), problems.ToImmutable());
    }
}
