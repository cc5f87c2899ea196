using System.Collections.Immutable;
using System.Text.Json;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;

namespace OrbitLsp.LanguageServer.Configuration;

/// <summary>
/// The client's <c>orbitLsp</c> settings section:
/// <code>{ "rules": { "OL005": "off", "stripped-asterisks": "error" }, "docsBaseUrl": "https://…/rules/" }</code>
/// What cannot be read is listed in <see cref="Problems"/>; the rest is used.
/// </summary>
public sealed record ClientSettings(RuleSettings Rules, string? DocsBaseUrl, ImmutableArray<string> Problems)
{
    public const string Section = "orbitLsp";

    public static ClientSettings Empty { get; } = new(RuleSettings.Default, null, []);

    public static ClientSettings Parse(JsonElement? section)
    {
        if (section is not { ValueKind: JsonValueKind.Object } root) return Empty;
        var problems = ImmutableArray.CreateBuilder<string>();
        var overrides = ImmutableDictionary.CreateBuilder<string, Severity?>();
        if (root.TryGetProperty("rules", out var rules) && rules.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in rules.EnumerateObject())
            {
                if (Core.Diagnostics.Rules.Find(entry.Name) is not { } rule)
                    problems.Add($"orbitLsp.rules: '{entry.Name}' is not an OrbitLsp rule.");
                else if (entry.Value.ValueKind != JsonValueKind.String || !SeverityNames.TryParse(entry.Value.GetString(), out var severity))
                    problems.Add($"orbitLsp.rules.{entry.Name}: use off, hint, information, warning or error.");
                else
                    overrides[rule.Code] = severity;
            }
        }
        else if (root.TryGetProperty("rules", out var bad) && bad.ValueKind != JsonValueKind.Null)
            problems.Add("orbitLsp.rules must map rule codes to severities, e.g. { \"OL005\": \"off\" }.");
        string? docs = root.TryGetProperty("docsBaseUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        return new ClientSettings(new RuleSettings(overrides.ToImmutable()), string.IsNullOrWhiteSpace(docs) ? null : docs, problems.ToImmutable());
    }
}
