using System.Globalization;
using OrbitLsp.Core.Diagnostics;
using OrbitLsp.Core.Model;

namespace OrbitLsp.Core.Analysis.Checks;

/// <summary>Front matter Hugo cannot read, and dates that make no sense.</summary>
internal static class FrontMatterChecks
{
    private static readonly string[] DateKeys = ["date", "lastmod", "publishDate", "expiryDate"];

    public static void Run(NoteDocument doc, List<NoteDiagnostic> sink)
    {
        if (doc.FrontMatter is not { } fm) return;
        foreach (var error in fm.Errors)
        {
            string what = fm.Span.IsEmpty ? "the start of this note" : $"the {fm.Format.ToString().ToUpperInvariant()} front matter";
            sink.Add(new(Rules.FrontMatterSyntax, error.Span,
                $"Hugo cannot read {what}: {error.Message.TrimEnd('.')}. The page fails to build.") { FailsBuild = error.FailsBuild });
        }
        var dates = new Dictionary<string, DateTimeOffset>();
        foreach (var key in DateKeys)
        {
            if (fm.Get(key) is not { } field || field.Value.Length == 0) continue;
            if (HugoDates.TryParse(field.Value, out var value)) dates[key] = value;
            else
            {
                // An unquoted TOML value must be a TOML date: the TOML reader fails on it. Elsewhere
                // Hugo keeps going and the page silently gets year 1.
                bool tomlBare = fm.Format == Syntax.FrontMatterFormat.Toml && doc.Text[field.ValueSpan.Start] is not ('"' or '\'');
                string effect = tomlBare ? "the TOML reader rejects it and the build fails" : "it silently uses 0001-01-01, so the page sorts and shows as year 1";
                sink.Add(new NoteDiagnostic(Rules.InvalidDate, field.ValueSpan,
                    $"Hugo cannot parse '{field.Value}' as the {key}: {effect}. Write it as 2024-10-15 or 2024-10-15T08:30:00+01:00.") { FailsBuild = tomlBare });
            }
        }
        if (dates.TryGetValue("date", out var date) && dates.TryGetValue("lastmod", out var lastmod) && lastmod < date)
        {
            var field = fm.Get("lastmod")!;
            sink.Add(new(Rules.LastmodBeforeDate, field.ValueSpan,
                $"lastmod ({field.Value}) is earlier than date ({fm.Get("date")!.Value}): the page says it was last changed before it was written. Set lastmod to the date of the last edit.",
                new Diagnostics.RelatedPlace(fm.Get("date")!.ValueSpan, "date")));
        }
    }
}

/// <summary>The date formats Hugo accepts in front matter.</summary>
public static class HugoDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss.FFFFFFF zzz",
        "yyyy-MM-ddTHH:mmK", "yyyy-MM-dd HH:mm", "dd MMM yyyy", "ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "yyyy-MM-ddTHH:mm:sszzz", "yyyy-MM-dd HH:mm:sszzz",
    ];

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        text = text.Trim().Trim('"', '\'');
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, styles, out value)) return true;
        // Go's layouts also accept "Z" and "+0100" offsets; normalise those and try again.
        string normalised = System.Text.RegularExpressions.Regex.Replace(text, @"([+-]\d{2})(\d{2})$", "$1:$2");
        return DateTimeOffset.TryParseExact(normalised, Formats, CultureInfo.InvariantCulture, styles, out value);
    }
}
