/**
 * Turns prompt text into HTML the way Orbit shows it: a subset of Markdown with `$…$` and
 * `$$…$$` math. Pure (no DOM): the webview sets the result as innerHTML and then typesets
 * the math placeholders with KaTeX (see webview/math.ts).
 *
 * Safety rests on three rules, each tested with hostile prompts:
 * - markdown-it runs with `html: false`, so every `<` in a prompt is text, never markup;
 * - links keep only http, https and mailto targets; images become their alt text (a webview
 *   must load nothing remote);
 * - math is emitted as an empty element whose TeX sits in an escaped attribute, typeset later
 *   by KaTeX with `trust: false`.
 */
import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';

/** Prompts longer than this are cut: a reader's card is never that long, and rendering stays fast. */
export const MAX_PROMPT_LENGTH = 20_000;

const SAFE_LINK = /^(https?:|mailto:)/i;

const md = createMarkdown();

export function renderPrompt(text: string): string {
  const cut = text.length > MAX_PROMPT_LENGTH;
  const source = cut ? text.slice(0, MAX_PROMPT_LENGTH) : text;
  const html = md.render(source);
  return cut ? html + `<p class="truncated">… (${text.length - MAX_PROMPT_LENGTH} more characters not shown)</p>` : html;
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function createMarkdown(): MarkdownIt {
  const m = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });
  // Orbit prompts are one line each; block constructs other than paragraphs and emphasis
  // would only mislead, but lists and headings are harmless and kept readable.
  m.disable(['image', 'reference', 'html_block', 'html_inline']);
  m.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  const defaultLinkOpen = m.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  m.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx].attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  m.inline.ruler.before('escape', 'math', mathRule);
  m.renderer.rules.math_inline = (tokens, idx) => mathPlaceholder(tokens[idx].content, false);
  m.renderer.rules.math_display = (tokens, idx) => mathPlaceholder(tokens[idx].content, true);
  return m;
}

function mathPlaceholder(tex: string, display: boolean): string {
  const cls = display ? 'math math-display' : 'math math-inline';
  // The TeX is also the element's text, so the card stays readable if typesetting fails.
  return `<span class="${cls}" data-tex="${escapeHtml(tex)}">${escapeHtml(display ? `$$${tex}$$` : `$${tex}$`)}</span>`;
}

/**
 * `$$…$$` (display) and `$…$` (inline). Like KaTeX's auto-render and Orbit: an opening `$`
 * followed by a space or a closing `$` preceded by a space is not math, `\$` is a dollar sign,
 * and an unbalanced `$` stays text.
 */
function mathRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
  const display = src.charCodeAt(start + 1) === 0x24;
  const open = display ? 2 : 1;
  const close = findClosing(src, start + open, display);
  if (close < 0) return false;
  const content = src.slice(start + open, close);
  if (!display && (/^\s/.test(content) || /\s$/.test(content))) return false;
  if (content.trim() === '') return false;
  if (!silent) {
    const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
    token.content = content;
    token.markup = display ? '$$' : '$';
  }
  state.pos = close + open;
  return true;
}

function findClosing(src: string, from: number, display: boolean): number {
  for (let i = from; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i++;
      continue;
    }
    if (c !== 0x24) continue;
    if (display) {
      if (src.charCodeAt(i + 1) === 0x24) return i;
    } else {
      return i;
    }
  }
  return -1;
}
