/**
 * The HTML the Markdown preview shows for what the server reports: a review area as cards
 * (the question in a `<summary>`, the answer revealed by a click, no script needed under any
 * preview security level), a hidden area collapsed, a chip for another shortcode, a banner for
 * a page Hugo refuses to build. Every text from the note goes through `escapeHtml` or through
 * `text` (the preview's own Markdown and math, with HTML and unsafe links made text).
 */
import { ORBIT_COLORS } from '../review/card';
import type { PreviewArea, PreviewCall, PreviewCard, PreviewProblem, RuleInfo } from './answer';

/** Card text to HTML: the preview's Markdown and math, nothing raw (see plugin.ts). */
export type TextRenderer = (text: string) => string;

export interface HtmlContext {
  rules: Record<string, RuleInfo>;
  text: TextRenderer;
}

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A review area; `line` is the 0-based source line the preview scrolls to for it (its
 * `data-line`, with the `code-line` class the preview looks for).
 */
export function areaHtml(area: PreviewArea, context: HtmlContext, line?: number): string {
  const color = paletteColor(area.color);
  const classes = ['orbit-area', `orbit-color-${color ?? 'none'}`];
  if (line !== undefined) classes.push('code-line');
  if (area.hidden) classes.push('orbit-hidden');
  if (area.placement === 'codeFence') classes.push('orbit-in-code');
  const cards = area.cards.map((c) => cardHtml(c, context)).join('');
  const count = `${area.cards.length} ${area.cards.length === 1 ? 'prompt' : 'prompts'}`;
  const problems = badges(area.problems, context);
  const colorNote = color ? '' : `<span class="orbit-area-note">${area.color === '' ? 'no colour' : `colour ${escapeHtml(area.color)}: Orbit cannot load this area`}</span>`;
  const empty = area.cards.length === 0 ? '<p class="orbit-area-empty">No prompts: the page gets an empty review area.</p>' : '';
  const element = area.hidden ? 'details' : 'section';
  const label = area.hidden
    ? `<summary class="orbit-area-header"><span class="orbit-area-title">Hidden from readers</span> <span class="orbit-area-note">in an HTML comment: readers never see ${area.cards.length === 1 ? 'this prompt' : `these ${count}`}</span>${problems}</summary>`
    : `<div class="orbit-area-header"><span class="orbit-area-title">Review</span> <span class="orbit-area-count">${count}</span>${colorNote}${problems}</div>`;
  const dataLine = line === undefined ? '' : ` data-line="${line}"`;
  return `<${element} class="${classes.join(' ')}"${dataLine} dir="auto" data-orbit-area="${area.index}">${label}${cards}${empty}</${element}>\n`;
}

function cardHtml(card: PreviewCard, context: HtmlContext): string {
  const classes = ['orbit-card', 'code-line'];
  if (card.problems.length > 0) classes.push('orbit-has-problem');
  let question: string;
  let answer: string;
  if (card.cloze) {
    // Orbit's embedded review tests the first deletion; the others read as text.
    const first = card.cloze.findIndex((p) => p.deleted);
    question = card.cloze.map((p, i) => (i === first ? '<span class="orbit-cloze-gap" aria-label="hidden word">[…]</span>' : context.text(p.text))).join('');
    answer = card.cloze.map((p, i) => (i === first ? `<mark class="orbit-cloze">${context.text(p.text)}</mark>` : context.text(p.text))).join('');
  } else {
    question = context.text(card.question);
    answer = card.hasAnswer && card.answer !== ''
      ? context.text(card.answer)
      : '<span class="orbit-empty">No answer: Orbit shows a blank back of the card.</span>';
  }
  const notes: string[] = [];
  if (card.shiftedBy !== undefined) {
    notes.push(`Shifted by line ${card.shiftedBy + 1}: this question was probably written as an answer.`);
  }
  return `<details class="${classes.join(' ')}" data-line="${card.line}" data-orbit-prompt="${card.prompt}">`
    + `<summary class="orbit-question"><span class="orbit-text">${question}</span>${attachments(card.questionAttachments)}${badges(card.problems, context)}</summary>`
    + `<div class="orbit-answer"><span class="orbit-text">${answer}</span>${attachments(card.answerAttachments)}</div>`
    + notes.map((n) => `<p class="orbit-card-note">${escapeHtml(n)}</p>`).join('')
    + '</details>';
}

/** Another shortcode: the page shows its output, which a preview cannot make; an escaped call is its text. */
export function callHtml(call: PreviewCall, context: HtmlContext, source: string): string {
  if (call.text !== undefined) return escapeHtml(call.text);
  const name = `${call.closing ? '/' : ''}${call.name || '?'}`;
  const problem = call.problems.length > 0;
  const classes = problem ? 'orbit-shortcode orbit-has-problem' : 'orbit-shortcode';
  const title = `Hugo shortcode ${source.length > 300 ? source.slice(0, 300) + '…' : source}`;
  return `<span class="${classes}" title="${escapeHtml(title)}">${escapeHtml(name)}${badges(call.problems, context)}</span>`;
}

/** The banner over a note Hugo refuses to build: there is no page at all. */
export function buildFailureHtml(failure: PreviewProblem, context: HtmlContext): string {
  return `<div class="orbit-build-failure" role="alert"><strong>Hugo refuses to build this page</strong> (line ${failure.range.start.line + 1}): `
    + `${escapeHtml(failure.message)}${badges([failure.code], context)}</div>\n`;
}

function badges(codes: string[], context: HtmlContext): string {
  return codes.map((code) => {
    const rule = context.rules[code];
    const title = rule ? `${code} ${rule.name}: ${rule.title}` : code;
    return ` <span class="orbit-problem" title="${escapeHtml(title)}">${escapeHtml(code)}</span>`;
  }).join('');
}

function attachments(urls: string[] | undefined): string {
  if (!urls || urls.length === 0) return '';
  // Listed, not loaded: the preview fetches nothing for a card.
  return urls.map((u) => `<span class="orbit-attachment">image: ${/^https?:\/\//i.test(u) ? `<a href="${escapeHtml(u)}">${escapeHtml(u)}</a>` : escapeHtml(u)}</span>`).join('');
}

/** The palette name of a colour Orbit accepts, or undefined for any other (or an empty) colour. */
function paletteColor(color: string): string | undefined {
  return (ORBIT_COLORS as readonly string[]).includes(color) ? color : undefined;
}
