/**
 * The review panel's script: runs the session (review/session.ts) over the cards the extension
 * sends, renders prompts with review/render.ts and KaTeX, and asks the extension to reveal a
 * card's line. Everything is built with DOM calls; rendered prompt HTML is the only innerHTML
 * (through the Trusted Types policy of promptHtml.ts).
 */
import type { Card } from '../review/card';
import { accentOf } from '../review/card';
import { parseToWebview } from './incoming';
import type { FromWebview } from '../review/messages';
import * as session from '../review/session';
import { typesetMath } from './math';
import { setPromptHtml } from './promptHtml';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;

let title = '';
let cards: Card[] = [];
let state = session.start(0);
let loaded = false;
let sessionId = 0;
/** The grades offered, in key order (keys 1, 2, and 3, 4 with four grades). */
let grades: readonly session.Grade[] = session.gradesOf(false);
/** The next review of each graded card, as the server scheduled it. */
let scheduled: Record<number, { dueText: string; due: string }> = {};

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  if (message.type === 'scheduled') {
    if (message.id !== sessionId) return;
    scheduled = { ...scheduled, [message.card]: { dueText: message.dueText, due: message.due } };
    if (state.phase === 'summary') render(false);
    return;
  }
  title = message.title;
  cards = message.cards;
  sessionId = message.id;
  grades = session.gradesOf(message.fourGrades === true);
  scheduled = {};
  state = session.start(cards.length);
  loaded = true;
  render(true);
});

document.addEventListener('keydown', (event) => {
  if (!loaded || event.altKey || event.ctrlKey || event.metaKey) return;
  const onControl = event.target instanceof HTMLElement && event.target.closest('button, a') !== null;
  const key = event.key.toLowerCase();
  let action: session.Action | undefined;
  if (key === ' ' && !onControl && state.phase === 'question') action = { type: 'flip' };
  else if (/^[1-4]$/.test(key) && state.phase === 'answer' && grades[Number(key) - 1]) action = { type: 'grade', grade: grades[Number(key) - 1] };
  else if (key === 's' && state.phase !== 'summary') action = { type: 'skip' };
  if (!action) return;
  event.preventDefault();
  dispatch(action);
});

// Links inside prompts open in the browser through the extension, never inside the panel.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link) return;
  event.preventDefault();
  const card = link.dataset.card;
  if (card !== undefined) vscode.postMessage({ type: 'reveal', card: Number(card) });
  else if (link.href) vscode.postMessage({ type: 'openLink', href: link.getAttribute('href') ?? '' });
});

function dispatch(action: session.Action): void {
  const before = state;
  state = session.reduce(state, action);
  // The first grade of a card is its review: the extension records it through the server.
  const card = before.queue[0];
  if (action.type === 'grade' && before.phase === 'answer' && card !== undefined && !(card in before.outcomes) && cards[card]?.id)
    vscode.postMessage({ type: 'graded', card, grade: action.grade });
  if (state !== before) render(before.phase !== state.phase || before.queue[0] !== state.queue[0]);
}

// The header and its live region exist once: a screen reader announces changes to a live
// region only if the region was already in the page.
const header = el('header', { className: 'top' });
const heading = el('h1', { id: 'title' });
const status = el('p', { id: 'progress', className: 'progress' });
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
header.append(heading, status);
const content = el('div', { id: 'content' });

function render(moveFocus: boolean): void {
  if (header.parentElement !== app) app.replaceChildren(header, content);
  app.setAttribute('aria-busy', 'false');
  heading.textContent = title || 'Orbit review';
  content.replaceChildren();
  const index = session.current(state);
  if (index === undefined) {
    status.textContent = session.summaryLabel(state);
    renderSummary(moveFocus);
  } else {
    status.textContent = session.progressLabel(state);
    renderCard(cards[index], moveFocus);
  }
}

function renderCard(card: Card, moveFocus: boolean): void {
  app.className = `accent-${accentOf(card.color)}`;
  const section = el('section', { className: 'card' });
  section.setAttribute('aria-label', `Card: block ${card.block + 1}, prompt ${card.prompt + 1}, line ${card.range.start.line + 1}`);
  section.append(el('p', { className: 'meta', textContent: `Block ${card.block + 1} · prompt ${card.prompt + 1} · line ${card.range.start.line + 1}` }));
  const warnings = warningsFor(card);
  if (warnings) section.append(warnings);

  const question = side('Question', card.question, 'question');
  section.append(question);
  let answer: HTMLElement | undefined;
  if (state.phase === 'answer') {
    answer = side('Answer', card.answer, 'answer');
    if (card.answer.trim() === '') answer.append(el('p', { className: 'empty', textContent: 'This prompt has no answer: the page shows a blank back.' }));
    section.append(answer);
  }
  content.append(section);

  const actions = el('div', { className: 'actions' });
  actions.setAttribute('role', 'group');
  actions.setAttribute('aria-label', 'Review actions');
  if (state.phase === 'question') {
    actions.append(button('Show Answer', 'Space', 'primary', { type: 'flip' }));
  } else {
    grades.forEach((grade, i) => actions.append(button(GRADE_LABELS[grade], String(i + 1), grade, { type: 'grade', grade })));
  }
  actions.append(button('Skip', 'S', 'skip', { type: 'skip' }));
  content.append(actions);
  const gradeKeys = grades.map((grade, i) => `${i + 1} ${GRADE_LABELS[grade].toLowerCase()}`).join(' · ');
  content.append(el('p', { className: 'keys', textContent: `Keys: Space shows the answer · ${gradeKeys} · S skips` }));

  if (moveFocus) (answer ?? question).focus();
}

const GRADE_LABELS: Record<session.Grade, string> = { forgotten: 'Forgotten', hard: 'Hard', remembered: 'Remembered', easy: 'Easy' };

function side(label: string, text: string, className: string): HTMLElement {
  const region = el('div', { className: `side ${className}` });
  region.tabIndex = -1;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', label);
  region.append(el('h2', { className: 'side-label', textContent: label }));
  const body = el('div', { className: 'prompt' });
  setPromptHtml(body, text);
  typesetMath(body);
  region.append(body);
  return region;
}

function warningsFor(card: Card): HTMLElement | undefined {
  if (card.problems.length === 0 && !card.hidden) return undefined;
  const box = el('div', { className: 'warning' });
  box.setAttribute('role', 'note');
  box.setAttribute('aria-label', 'Problems with this card');
  if (card.problems.length > 0) {
    const p = el('p', { textContent: '⚠ This card will not show as written: ' });
    card.problems.forEach((code, i) => {
      if (i > 0) p.append(', ');
      p.append(el('code', { className: 'rule', textContent: code }));
    });
    p.append('. See the Problems panel for details.');
    box.append(p);
  }
  if (card.hidden) box.append(el('p', { textContent: 'Hidden: this block is inside an HTML comment, so readers never see it.' }));
  return box;
}

function renderSummary(moveFocus: boolean): void {
  app.className = `accent-${accentOf(cards[0]?.color)}`;
  const s = session.summary(state);
  const section = el('section', { className: 'summary' });
  const heading = el('h2', { textContent: cards.length === 0 ? 'No cards to review' : session.summaryLabel(state) });
  heading.tabIndex = -1;
  section.append(heading);
  if (s.skipped.length > 0) section.append(el('p', { textContent: `${s.skipped.length} skipped.` }));
  if (s.forgotten.length > 0) {
    section.append(el('h3', { id: 'forgotten-heading', textContent: 'Forgotten' }));
    const list = el('ul', { className: 'forgotten' });
    list.setAttribute('aria-labelledby', 'forgotten-heading');
    for (const i of s.forgotten) {
      const card = cards[i];
      const line = card.range.start.line + 1;
      const link = el('a', { href: '#', textContent: `Line ${line}` });
      link.dataset.card = String(i);
      link.setAttribute('aria-label', `Show line ${line} in the note: ${shorten(card.question)}`);
      const question = el('div', { className: 'prompt summary-prompt' });
      setPromptHtml(question, card.question);
      typesetMath(question);
      const item = el('li');
      item.append(link, question);
      list.append(item);
    }
    section.append(list);
  }
  const graded = Object.keys(scheduled).map(Number).sort((a, b) => a - b);
  if (graded.length > 0) {
    section.append(el('h3', { id: 'next-heading', textContent: 'Next reviews' }));
    const list = el('ul', { className: 'next-reviews' });
    list.setAttribute('aria-labelledby', 'next-heading');
    for (const i of graded) {
      const item = el('li');
      item.append(el('span', { className: 'due', textContent: `${scheduled[i].dueText} (${scheduled[i].due})` }), ' · ', shorten(cards[i].question));
      list.append(item);
    }
    section.append(list);
  }
  const again = el('button', { className: 'primary', textContent: 'Review again' });
  again.type = 'button';
  again.addEventListener('click', () => dispatch({ type: 'restart' }));
  section.append(again);
  content.append(section);
  if (moveFocus) heading.focus();
}

function button(label: string, key: string, className: string, action: session.Action): HTMLButtonElement {
  const b = el('button', { className });
  b.type = 'button';
  b.append(label, ' ', el('kbd', { textContent: key }));
  b.setAttribute('aria-keyshortcuts', key === 'Space' ? 'Space' : key);
  b.addEventListener('click', () => dispatch(action));
  return b;
}

function shorten(text: string): string {
  const t = text.trim();
  return t.length > 160 ? `${t.slice(0, 159)}…` : t;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

vscode.postMessage({ type: 'ready' });
