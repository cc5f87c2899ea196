import katex from 'katex';

/** What KaTeX asks before it makes a link, an image or an HTML attribute (its `trust` option). */
interface TrustContext {
  command: string;
  url?: string;
  protocol?: string;
}

/** Links the panel keeps, as for Markdown links: web and mail only. */
const LINK_COMMANDS = new Set(['\\href', '\\url']);
const LINK_PROTOCOLS = new Set(['http', 'https', 'mailto']);

/**
 * Typesets the math placeholders that renderPrompt emits. katex.render builds DOM nodes and sets
 * their styles through the CSSOM, which the panel's Content-Security-Policy allows (a style
 * attribute in an HTML string would be blocked).
 *
 * KaTeX asks before it makes a link, an image or HTML attributes: `\href` and `\url` to http,
 * https and mailto become links (opened in the browser, as Markdown links are); anything else
 * (`\includegraphics`, `\htmlClass`, `\htmlId`, `\htmlStyle`, `\htmlData`, other schemes) is
 * refused, and then the formula is shown as its TeX source, as typed, rather than with the
 * command's arguments silently dropped.
 */
export function typesetMath(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('.math[data-tex]'))) {
    const tex = el.dataset.tex ?? '';
    let refused: string | undefined;
    try {
      katex.render(tex, el, {
        displayMode: el.classList.contains('math-display'),
        throwOnError: false,
        trust: (context: TrustContext) => {
          if (LINK_COMMANDS.has(context.command) && LINK_PROTOCOLS.has(context.protocol ?? '')) return true;
          refused ??= context.command;
          return false;
        },
        strict: 'ignore',
        maxSize: 20,
        maxExpand: 500,
        output: 'htmlAndMathml',
      });
    } catch {
      showSource(el, tex, 'KaTeX cannot typeset this formula');
      continue;
    }
    if (refused) showSource(el, tex, `${refused} is not allowed in the review panel`);
  }
}

/** A formula that is not typeset stays as its TeX source text. */
function showSource(el: HTMLElement, tex: string, why: string): void {
  el.textContent = el.classList.contains('math-display') ? `$$${tex}$$` : `$${tex}$`;
  el.classList.add('math-error');
  el.title = why;
}
