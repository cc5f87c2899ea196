using System.Net;
using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// One self-contained HTML page that reviews cards the way Orbit's embedded review does
/// (ORBIT-FORMAT §4): the question, Show Answer (Space), Forgotten (1) or Remembered (2), Skip;
/// forgotten cards come back at the end; "N of M remembered". No network, no external files;
/// every prompt is escaped. Cards hidden on the page (in an HTML comment) are left out.
/// </summary>
/// <remarks>
/// Prompts are Markdown: HTML in them is text; a link stays a link only to http, https or mailto
/// (any other link, every image and every autolink to another scheme is shown as typed). The
/// page's Content-Security-Policy allows its one script and one stylesheet by hash and nothing
/// else: no inline handler, no image, frame, form target or connection, and Trusted Types with
/// no policy, so no string can ever become markup or run as a javascript: URL.
/// </remarks>
public static class ReviewPage
{
    private static readonly MarkdownPipeline PromptPipeline =
        new MarkdownPipelineBuilder().UseEmphasisExtras().UseMathematics().DisableHtml().UsePreciseSourceLocation().Build();

    /// <summary>The page's Content-Security-Policy (a meta element; the page has no headers).</summary>
    public static readonly string ContentSecurityPolicy = string.Join("; ",
        "default-src 'none'",
        $"script-src '{ScriptHash}'",
        $"style-src '{StyleHash}'",
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'");

    public static string Render(string title, IReadOnlyList<Card> cards)
    {
        var shown = cards.Where(c => !c.Hidden).ToList();
        var sb = new StringBuilder(4096 + shown.Count * 256);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
          .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
          .Append("<title>").Append(Escape(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
          .Append("<h1>").Append(Escape(title)).Append("</h1>\n");
        int hidden = cards.Count - shown.Count;
        sb.Append("<p class=\"meta\">").Append(shown.Count).Append(shown.Count == 1 ? " prompt" : " prompts");
        if (hidden > 0) sb.Append(", ").Append(hidden).Append(" hidden by an HTML comment and left out");
        sb.Append(".</p>\n<main id=\"deck\">\n");
        foreach (var card in shown) AppendCard(sb, card);
        sb.Append("</main>\n<section id=\"review\" hidden>\n<div id=\"progress\"></div>\n<div id=\"face\"></div>\n")
          .Append("<div id=\"buttons\"><button id=\"show\">Show Answer <kbd>Space</kbd></button>")
          .Append("<button id=\"forgot\" hidden>Forgotten <kbd>1</kbd></button>")
          .Append("<button id=\"remembered\" hidden>Remembered <kbd>2</kbd></button>")
          .Append("<button id=\"skip\">Skip</button></div>\n</section>\n")
          .Append("<p id=\"summary\" hidden></p>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendCard(StringBuilder sb, Card card)
    {
        sb.Append("<article class=\"card\" data-color=\"").Append(Escape(card.Color)).Append("\">")
          .Append("<div class=\"where\">block ").Append(card.Block + 1).Append(", prompt ").Append(card.Prompt + 1)
          .Append(card.Color.Length > 0 ? " · " + Escape(card.Color) : "").Append("</div>");
        if (card.Problems.Length > 0)
            sb.Append("<div class=\"problems\">⚠ ").Append(Escape(string.Join(", ", card.Problems))).Append("</div>");
        sb.Append("<div class=\"question\">").Append(RenderPrompt(card.Question)).Append("</div>")
          .Append("<div class=\"answer\">").Append(card.Answer.Length > 0 ? RenderPrompt(card.Answer) : "<p class=\"blank\">(no answer: Orbit shows a blank back)</p>")
          .Append("</div></article>\n");
    }

    /// <summary>
    /// Prompt Markdown as HTML: raw HTML in the prompt is shown as text, never run; links other
    /// than http, https and mailto, and images (the page loads nothing), are shown as typed.
    /// Markdown nested deeper than Markdig reads (it throws; found by fuzzing) is shown as plain text.
    /// </summary>
    internal static string RenderPrompt(string markdown)
    {
        string source = markdown.Replace("\r", "");
        try
        {
            var document = Markdown.Parse(source, PromptPipeline);
            foreach (var block in document.Descendants<LeafBlock>())
                if (block.Inline is { } inline) KeepSafeLinks(inline, source);
            return document.ToHtml(PromptPipeline).Trim();
        }
        catch (ArgumentException)
        {
            // Markdig throws when it parses, or when it writes what it parsed.
            return "<p>" + Escape(source).Replace("\n", "<br>") + "</p>";
        }
    }

    private static void KeepSafeLinks(ContainerInline container, string source)
    {
        for (var child = container.FirstChild; child is not null;)
        {
            var next = child.NextSibling;
            bool unsafeLink = child switch
            {
                LinkInline link => link.IsImage || !IsSafeUrl(link.Url),
                AutolinkInline autolink => !autolink.IsEmail && !IsSafeUrl(autolink.Url),
                _ => false,
            };
            if (unsafeLink)
                child.ReplaceBy(new LiteralInline(source.Substring(child.Span.Start, child.Span.Length)), copyChildren: false);
            else if (child is LinkInline or AutolinkInline)
                child.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
            if (!unsafeLink && child is ContainerInline inner) KeepSafeLinks(inner, source);
            child = next;
        }
    }

    /// <summary>An absolute http, https or mailto URL: a scheme a browser reads as exactly that, nothing before it.</summary>
    internal static bool IsSafeUrl(string? url)
    {
        if (url is null) return false;
        int colon = url.IndexOf(':');
        if (colon <= 0) return false;
        var scheme = url.AsSpan(0, colon);
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    // The SHA-256 of Script and Style as the Content-Security-Policy names them. A test checks
    // them against the page and says the new value when Script or Style changes.
    internal const string ScriptHash = "sha256-YCStETNDzX90HtEi7zi38CPC2STaI5HlYiT8D5aUK10=";
    internal const string StyleHash = "sha256-GksI3pIM9Dhty2wHZpEo63WJhiqgNRgg+xHXGS1Pn/g=";

    internal const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
        .meta,.where{color:#666;font-size:.85rem}.problems{color:#a40;font-size:.85rem}
        .card{border:1px solid #ccc;border-left:6px solid var(--c,#7a5cc7);border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
        #deck.reviewing{display:none}#face .answer{border-top:1px dashed #bbb;margin-top:.5rem}
        #face .card .answer{display:none}#face.revealed .card .answer{display:block}
        button{font-size:1rem;margin:.25rem;padding:.4rem .8rem}kbd{font-size:.75rem;color:#666}
        .blank{color:#999;font-style:italic}.math{font-family:serif}
        """;

    internal const string Script = """
        (function(){
        var colors={red:'#d9534f',orange:'#f0883e',brown:'#8b5a2b',yellow:'#d4b106',lime:'#7cb342',green:'#2e7d32',turquoise:'#1abc9c',cyan:'#00acc1',blue:'#1e88e5',violet:'#8e44ad',purple:'#7a5cc7',pink:'#e91e63'};
        var cards=Array.prototype.slice.call(document.querySelectorAll('#deck .card'));
        cards.forEach(function(c){var k=colors[c.dataset.color];if(k)c.style.setProperty('--c',k);});
        var queue=cards.slice(),total=cards.length,remembered=0,current=null,revealed=false;
        var face=document.getElementById('face'),show=document.getElementById('show'),forgot=document.getElementById('forgot'),
            rem=document.getElementById('remembered'),skip=document.getElementById('skip'),progress=document.getElementById('progress');
        function next(){
          face.textContent='';face.classList.remove('revealed');revealed=false;show.hidden=false;forgot.hidden=rem.hidden=true;
          current=queue.shift();
          if(!current){document.getElementById('review').hidden=true;var s=document.getElementById('summary');s.hidden=false;
            s.textContent=remembered+' of '+total+' remembered';return;}
          face.appendChild(current.cloneNode(true));progress.textContent=(total-queue.length)+' / '+total+' · '+remembered+' remembered';
        }
        function reveal(){if(!current||revealed)return;revealed=true;face.classList.add('revealed');show.hidden=true;forgot.hidden=rem.hidden=false;}
        function grade(ok){if(!current||!revealed)return;if(ok)remembered++;else queue.push(current);next();}
        show.onclick=reveal;forgot.onclick=function(){grade(false);};rem.onclick=function(){grade(true);};
        skip.onclick=function(){if(current)next();};
        document.addEventListener('keydown',function(e){
          if(e.key===' '){e.preventDefault();reveal();}else if(e.key==='1')grade(false);else if(e.key==='2')grade(true);});
        if(total>0){document.getElementById('deck').classList.add('reviewing');document.getElementById('review').hidden=false;next();}
        else{var s=document.getElementById('summary');s.hidden=false;s.textContent='0 of 0 remembered';}
        })();
        """;
}
