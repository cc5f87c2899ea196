using OrbitLsp.Core.Diagnostics;

namespace OrbitLsp.LanguageServer.Features.Diagnostics;

/// <summary>
/// Where a rule's page is: <c>docs/rules/OLxxx.md</c> shipped next to the server binary (a
/// <c>file://</c> URI), or under the <c>orbitLsp.docsBaseUrl</c> setting when one is given.
/// </summary>
public static class RuleDocs
{
    private static readonly string ShippedFolder = Path.Combine(AppContext.BaseDirectory, "docs", "rules");

    public static string Href(Rule rule, string? docsBaseUrl) =>
        docsBaseUrl is { Length: > 0 } baseUrl
            ? baseUrl.TrimEnd('/') + "/" + rule.Code + ".md"
            : new Uri(Path.Combine(ShippedFolder, rule.Code + ".md")).AbsoluteUri;
}
