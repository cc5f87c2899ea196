import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accentOf, parsePreviewReviewResult } from '../src/review/card';
import { parseFromWebview } from '../src/review/messages';
import { parseToWebview } from '../src/webview/incoming';

const card = {
  question: 'Q?',
  answer: 'A',
  color: 'blue',
  block: 2,
  prompt: 7,
  range: { start: { line: 170, character: 0 }, end: { line: 170, character: 17 } },
  problems: ['OL001'],
  hidden: false,
};

test('a server result is read as it is', () => {
  assert.deepEqual(parsePreviewReviewResult({ title: 'T', cards: [card] }), { title: 'T', cards: [card] });
});

test('missing or wrong fields in a card get safe defaults', () => {
  const r = parsePreviewReviewResult({ cards: [{ question: 5, problems: ['OL001', 3], hidden: 'yes', block: -1 }] });
  assert.deepEqual(r.cards[0], {
    question: '', answer: '', color: '', block: 0, prompt: 0,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    problems: ['OL001'], hidden: false,
  });
});

test('a result without cards is an error', () => {
  assert.throws(() => parsePreviewReviewResult(null));
  assert.throws(() => parsePreviewReviewResult({ title: 'x' }));
});

test('the accent is one of the twelve Orbit colours, purple otherwise', () => {
  assert.equal(accentOf('turquoise'), 'turquoise');
  assert.equal(accentOf(' Blue '), 'blue');
  assert.equal(accentOf("'blue'"), 'purple');
  assert.equal(accentOf('x" onload="y'), 'purple');
  assert.equal(accentOf(undefined), 'purple');
});

test('the webview accepts only well-formed session messages', () => {
  assert.deepEqual(parseToWebview({ type: 'session', id: 3, title: 'T', cards: [card] }), { type: 'session', id: 3, title: 'T', cards: [card], fourGrades: false });
  assert.deepEqual(parseToWebview({ type: 'session', id: 4, title: 'T', cards: [card], fourGrades: true }), { type: 'session', id: 4, title: 'T', cards: [card], fourGrades: true });
  assert.equal(parseToWebview({ type: 'other' }), undefined);
  assert.equal(parseToWebview({ type: 'session' }), undefined);
});

test('the extension accepts only known webview messages', () => {
  assert.deepEqual(parseFromWebview({ type: 'reveal', card: 2 }), { type: 'reveal', card: 2 });
  assert.equal(parseFromWebview({ type: 'reveal', card: -1 }), undefined);
  assert.equal(parseFromWebview({ type: 'reveal', card: '2' }), undefined);
  assert.equal(parseFromWebview({ type: 'openLink', href: 'javascript:alert(1)' }), undefined);
  assert.equal(parseFromWebview({ type: 'openLink', href: 'command:workbench.action.quit' }), undefined);
  assert.deepEqual(parseFromWebview({ type: 'openLink', href: 'https://withorbit.com' }), { type: 'openLink', href: 'https://withorbit.com' });
  assert.equal(parseFromWebview({ type: 'runCommand' }), undefined);
  assert.equal(parseFromWebview('ready'), undefined);
});

test('a due card keeps its id, note, state and due day; a review result its total and next day', () => {
  const due = { ...card, id: '0123456789abcdef0123456789abcdef', uri: 'file:///notes/a.md', state: 'due', due: '2026-12-04', stability: 3.2 };
  const r = parsePreviewReviewResult({ title: 'Due', cards: [due, { ...card, state: 'new', due: null }], total: 40, nextDue: '2026-12-05' });
  assert.deepEqual(r.cards[0], { ...card, id: due.id, uri: due.uri, state: 'due', due: '2026-12-04' });
  assert.deepEqual(r.cards[1], { ...card, state: 'new' });
  assert.equal(r.total, 40);
  assert.equal(r.nextDue, '2026-12-05');
});

test('grades from the webview and schedules to it are checked', () => {
  assert.deepEqual(parseFromWebview({ type: 'graded', card: 1, grade: 'forgotten' }), { type: 'graded', card: 1, grade: 'forgotten' });
  assert.deepEqual(parseFromWebview({ type: 'graded', card: 2, grade: 'hard' }), { type: 'graded', card: 2, grade: 'hard' });
  assert.deepEqual(parseFromWebview({ type: 'graded', card: 2, grade: 'easy' }), { type: 'graded', card: 2, grade: 'easy' });
  assert.equal(parseFromWebview({ type: 'graded', card: 1, grade: 'perfect' }), undefined);
  assert.equal(parseFromWebview({ type: 'graded', card: -1, grade: 'remembered' }), undefined);
  assert.deepEqual(parseToWebview({ type: 'scheduled', id: 2, card: 0, dueText: 'due in 3 days', due: '2026-12-07' }),
    { type: 'scheduled', id: 2, card: 0, dueText: 'due in 3 days', due: '2026-12-07' });
  assert.equal(parseToWebview({ type: 'scheduled', id: 2, card: 0, dueText: 3 }), undefined);
});
