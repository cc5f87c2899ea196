using System.Collections.Immutable;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Text;

namespace OrbitLsp.Cli;

/// <summary>One line of `check` output: a diagnostic placed in a file (a note or a config file).</summary>
internal sealed record Finding(string File, TextRange Range, Severity Severity, Rule Rule, string Message,
    ImmutableArray<(string File, TextRange Range, string Message)> Related);
