namespace OrbitLsp.Core.Diagnostics;

/// <summary>Diagnostic severity; the numbers are LSP's.</summary>
public enum Severity
{
    Error = 1,
    Warning = 2,
    Information = 3,
    Hint = 4,
}

public static class SeverityNames
{
    public static string Name(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Information => "information",
        _ => "hint",
    };

    /// <summary>Reads a severity as written in settings; null for "off". False for an unknown word.</summary>
    public static bool TryParse(string? text, out Severity? severity)
    {
        severity = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "off" or "none" or "false": return true;
            case "error": severity = Severity.Error; return true;
            case "warning" or "warn": severity = Severity.Warning; return true;
            case "information" or "info": severity = Severity.Information; return true;
            case "hint": severity = Severity.Hint; return true;
            default: return false;
        }
    }
}
