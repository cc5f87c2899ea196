using System.Collections.Immutable;
using System.Text.Json;
using OrbitLsp.Core.Config;
using OrbitLsp.Core.Diagnostics;

namespace OrbitLsp.LanguageServer.Configuration;

/// <summary>
/// The client's <c>orbitLsp</c> settings section:
/// <code>{ "rules": { "OL005": "off", "stripped-asterisks": "error" }, "docsBaseUrl": "https://…/rules/",
///   "review": { "store": ".orbitlsp/reviews.jsonl", "desiredRetention": 0.9 } }</code>
/// What cannot be read is listed in <see cref="Problems"/>; the rest is used.
/// </summary>
public sealed record ClientSettings(RuleSettings Rules, string? DocsBaseUrl, ImmutableArray<string> Problems)
{
    public const string Section = "orbitLsp";

    public static ClientSettings Empty { get; } = new(RuleSettings.Default, null, []);

    /// <summary>The review store's path (absolute, or relative to the workspace root); null for the default.</summary>
    public string? ReviewStore { get; init; }

    /// <summary>The retention FSRS schedules for (0.7–0.99).</summary>
    public double DesiredRetention { get; init; } = Core.Review.FsrsScheduler.DefaultRetention;

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
        string? store = null;
        double retention = Core.Review.FsrsScheduler.DefaultRetention;
        if (root.TryGetProperty("review", out var review) && review.ValueKind == JsonValueKind.Object)
        {
            if (review.TryGetProperty("store", out var s) && s.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(s.GetString())) store = s.GetString();
            if (review.TryGetProperty("desiredRetention", out var r) && r.ValueKind != JsonValueKind.Null)
            {
                if (r.ValueKind == JsonValueKind.Number && r.GetDouble() is >= 0.7 and <= 0.99) retention = r.GetDouble();
                else problems.Add("orbitLsp.review.desiredRetention must be a number from 0.7 to 0.99.");
            }
        }
        return new ClientSettings(new RuleSettings(overrides.ToImmutable()), string.IsNullOrWhiteSpace(docs) ? null : docs, problems.ToImmutable())
        {
            ReviewStore = store,
            DesiredRetention = retention,
        };
    }
}
