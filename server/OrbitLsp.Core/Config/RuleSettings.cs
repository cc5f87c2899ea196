using System.Collections.Immutable;
using OrbitLsp.Core.Diagnostics;

namespace OrbitLsp.Core.Config;

/// <summary>Per-rule severities chosen by the author; a rule mapped to null is off.</summary>
public sealed class RuleSettings
{
    public static RuleSettings Default { get; } = new(ImmutableDictionary<string, Severity?>.Empty);

    public RuleSettings(ImmutableDictionary<string, Severity?> overrides) => Overrides = overrides;

    /// <summary>Rule code → severity (null: off).</summary>
    public ImmutableDictionary<string, Severity?> Overrides { get; }

    public Severity? SeverityOf(Rule rule) => Overrides.TryGetValue(rule.Code, out var s) ? s : rule.DefaultSeverity;

    /// <summary>These settings with another set laid over them (the other wins).</summary>
    public RuleSettings With(RuleSettings other) =>
        other.Overrides.IsEmpty ? this : new(Overrides.SetItems(other.Overrides));
}
