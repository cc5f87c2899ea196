using System.Net;
using System.Text;
using Markdig;
using OrbitLsp.Core.Cards;

namespace OrbitLsp.Core.Ide;

/// <summary>
/// One self-contained HTML page that reviews cards the way Orbit's embedded review does
/// (ORBIT-FORMAT §4): the question, Show Answer (Space), Forgotten (1) or Remembered (2), Skip;
/// forgotten cards come back at the end; "N of M remembered". No network, no external files;
/// every prompt is escaped. Cards hidden on the page (in an HTML comment) are left out.
/// </summary>
public static class ReviewPage
{
    private static readonly MarkdownPipeline PromptPipeline =
        new MarkdownPipelineBuilder().UseEmphasisExtras().UseMathematics().DisableHtml().Build();

    public static string Render(string title, IReadOnlyList<Card> cards)
    {
        var shown = cards.Where(c => !c.Hidden).ToList();
        var sb = new StringBuilder(4096 + shown.Count * 256);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
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

    /// <summary>Prompt Markdown as HTML: raw HTML in the prompt is shown as text, never run.</summary>
    private static string RenderPrompt(string markdown) => Markdown.ToHtml(markdown.Replace("\r", ""), PromptPipeline).Trim();

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
        .meta,.where{color:#666;font-size:.85rem}.problems{color:#a40;font-size:.85rem}
        .card{border:1px solid #ccc;border-left:6px solid var(--c,#7a5cc7);border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
        #deck.reviewing{display:none}#face .answer{border-top:1px dashed #bbb;margin-top:.5rem}
        #face .card .answer{display:none}#face.revealed .card .answer{display:block}
        button{font-size:1rem;margin:.25rem;padding:.4rem .8rem}kbd{font-size:.75rem;color:#666}
        .blank{color:#999;font-style:italic}.math{font-family:serif}
        """;

    private const string Script = """
        (function(){
        var colors={red:'#d9534f',orange:'#f0883e',brown:'#8b5a2b',yellow:'#d4b106',lime:'#7cb342',green:'#2e7d32',turquoise:'#1abc9c',cyan:'#00acc1',blue:'#1e88e5',violet:'#8e44ad',purple:'#7a5cc7',pink:'#e91e63'};
        var cards=Array.prototype.slice.call(document.querySelectorAll('#deck .card'));
        cards.forEach(function(c){var k=colors[c.dataset.color];if(k)c.style.setProperty('--c',k);});
        var queue=cards.slice(),total=cards.length,remembered=0,current=null,revealed=false;
        var face=document.getElementById('face'),show=document.getElementById('show'),forgot=document.getElementById('forgot'),
            rem=document.getElementById('remembered'),skip=document.getElementById('skip'),progress=document.getElementById('progress');
        function next(){
          face.innerHTML='';face.classList.remove('revealed');revealed=false;show.hidden=false;forgot.hidden=rem.hidden=true;
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
