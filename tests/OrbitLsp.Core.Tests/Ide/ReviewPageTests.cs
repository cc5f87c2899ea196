using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OrbitLsp.Core.Analysis;
using OrbitLsp.Core.Cards;
using OrbitLsp.Core.Ide;

namespace OrbitLsp.Core.Tests.Ide;

/// <summary>
/// The review page of <c>orbit.previewReviewHtml</c>, as text. The browser test
/// (client/e2e/hostile.test.ts) loads it in chromium with hostile prompts; these pin the rules.
/// </summary>
public class ReviewPageTests
{
    private static string Page(params string[] lines)
    {
        string note = "Note\n{{< orbit_review >}}\n" + string.Join("\n", lines) + "\n{{< /orbit_review >}}\n";
        return ReviewPage.Render("Title", CardExtractor.Extract(NoteAnalyzer.Analyze(note)));
    }

    [Fact]
    public void The_policy_allows_exactly_the_page_script_and_stylesheet_by_hash()
    {
        string page = Page("Q?", "A.");
        string script = Regex.Match(page, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        string style = Regex.Match(page, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(ReviewPage.ScriptHash, Hash(script)); // "Actual" is the new value when the script changes
        Assert.Equal(ReviewPage.StyleHash, Hash(style));
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ReviewPage.ContentSecurityPolicy}\">", page);
        Assert.StartsWith("default-src 'none'; ", ReviewPage.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe", ReviewPage.ContentSecurityPolicy);
        Assert.Contains("trusted-types 'none'", ReviewPage.ContentSecurityPolicy);
        Assert.Single(Regex.Matches(page, "<script"));
        Assert.Single(Regex.Matches(page, "<style"));
    }

    [Theory]
    [InlineData("[click](https://withorbit.com/)", "<a href=\"https://withorbit.com/\" rel=\"noopener noreferrer\">click</a>")]
    [InlineData("[mail](mailto:a@example.org)", "<a href=\"mailto:a@example.org\" rel=\"noopener noreferrer\">mail</a>")]
    [InlineData("<https://withorbit.com/>", "<a href=\"https://withorbit.com/\" rel=\"noopener noreferrer\">https://withorbit.com/</a>")]
    [InlineData("[click](javascript:alert(1))", "[click](javascript:alert(1))")]
    [InlineData("[click]( JaVaScRiPt:alert(1) )", "[click]( JaVaScRiPt:alert(1) )")]
    [InlineData("[click](&#106;avascript:alert(1))", "[click](&amp;#106;avascript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)", "[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox(1))", "[click](vbscript:msgbox(1))")]
    [InlineData("[relative](notes/other.md)", "[relative](notes/other.md)")]
    [InlineData("![pixel](https://example.com/p.png)", "![pixel](https://example.com/p.png)")]
    [InlineData("[![pixel](https://example.com/p.png)](https://example.com/)", "<a href=\"https://example.com/\" rel=\"noopener noreferrer\">![pixel](https://example.com/p.png)</a>")]
    [InlineData("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;")]
    [InlineData("<vbscript:msgbox(1)>", "&lt;vbscript:msgbox(1)&gt;")]
    [InlineData("A **[bold js](javascript:alert(1))** and _[em](https://x.org/)_", "<strong>[bold js](javascript:alert(1))</strong> and <em><a href=\"https://x.org/\" rel=\"noopener noreferrer\">em</a></em>")]
    public void Links_keep_only_web_and_mail_targets_and_others_show_as_typed(string prompt, string expected)
    {
        string page = Page(prompt, "A.");
        Assert.Contains(expected, page);
        foreach (Match href in Regex.Matches(page, "href=\"([^\"]*)\""))
            Assert.Matches("^(https?:|mailto:)", href.Groups[1].Value);
        Assert.DoesNotContain("<img", page);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<img src=x onerror=\"alert(1)\">", "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")]
    [InlineData("\"><svg/onload=alert(1)>", "&quot;&gt;&lt;svg/onload=alert(1)&gt;")]
    [InlineData("$$</span><script>alert(1)</script>$$", "&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("$\\href{javascript:alert(1)}{x}$", "\\href{javascript:alert(1)}{x}")]
    public void Markup_in_a_prompt_is_text(string prompt, string expected)
    {
        string page = Page(prompt, "A.");
        Assert.Contains(expected, page);
        Assert.Single(Regex.Matches(page, "<script"));
        Assert.DoesNotContain("<svg", page);
    }

    [Fact]
    public void The_script_sets_no_markup_from_strings()
    {
        // Trusted Types with no policy would reject it (and the page would stop at the first card).
        Assert.DoesNotContain("innerHTML", ReviewPage.Script);
        Assert.DoesNotContain("outerHTML", ReviewPage.Script);
        Assert.DoesNotContain("insertAdjacentHTML", ReviewPage.Script);
    }

    private static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
