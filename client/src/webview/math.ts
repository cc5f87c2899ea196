import katex from 'katex';

/**
 * Typesets the math placeholders that renderPrompt emits. katex.render builds DOM nodes and sets
 * their styles through the CSSOM, which the panel's Content-Security-Policy allows (a style
 * attribute in an HTML string would be blocked). `trust: false` keeps \href, \url and \html*
 * commands from producing links or markup.
 */
export function typesetMath(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('.math[data-tex]'))) {
    const tex = el.dataset.tex ?? '';
    try {
      katex.render(tex, el, {
        displayMode: el.classList.contains('math-display'),
        throwOnError: false,
        trust: false,
        strict: 'ignore',
        maxSize: 20,
        maxExpand: 500,
        output: 'htmlAndMathml',
      });
    } catch {
      // A formula KaTeX cannot handle at all stays as its TeX source text.
      el.textContent = el.classList.contains('math-display') ? `$$${tex}$$` : `$${tex}$`;
      el.classList.add('math-error');
    }
  }
}
