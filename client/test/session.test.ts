import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as session from '../src/review/session';
import type { Action, SessionState } from '../src/review/session';

const flip: Action = { type: 'flip' };
const remembered: Action = { type: 'grade', grade: 'remembered' };
const forgotten: Action = { type: 'grade', grade: 'forgotten' };
const skip: Action = { type: 'skip' };

function run(total: number, ...actions: Action[]): SessionState {
  return actions.reduce(session.reduce, session.start(total));
}

test('a session starts on the first question and shows "1 of N"', () => {
  const s = session.start(8);
  assert.equal(s.phase, 'question');
  assert.equal(session.current(s), 0);
  assert.equal(session.progressLabel(s), '1 of 8');
});

test('an empty session goes straight to the summary', () => {
  const s = session.start(0);
  assert.equal(s.phase, 'summary');
  assert.equal(session.current(s), undefined);
  assert.equal(session.summaryLabel(s), '0 of 0 remembered');
});

test('flip shows the answer of the same card', () => {
  const s = run(3, flip);
  assert.equal(s.phase, 'answer');
  assert.equal(session.current(s), 0);
});

test('grading before the answer is shown does nothing', () => {
  const s = session.start(3);
  assert.equal(session.reduce(s, remembered), s);
});

test('flipping twice does nothing the second time', () => {
  const s = run(3, flip);
  assert.equal(session.reduce(s, flip), s);
});

test('remembering every card ends with "N of N remembered"', () => {
  const s = run(3, flip, remembered, flip, remembered, flip, remembered);
  assert.equal(s.phase, 'summary');
  assert.equal(session.summaryLabel(s), '3 of 3 remembered');
  assert.deepEqual(session.summary(s).forgotten, []);
});

test('progress counts up through the first pass', () => {
  const s = run(8, flip, remembered, flip, forgotten);
  assert.equal(session.progressLabel(s), '3 of 8');
  assert.equal(session.current(s), 2);
});

test('a forgotten card comes back after the others, before the summary', () => {
  let s = run(3, flip, forgotten, flip, remembered, flip, remembered);
  assert.equal(s.phase, 'question');
  assert.equal(session.current(s), 0);
  assert.equal(session.progressLabel(s), 'Again: 1 of 1');
  s = run(3, flip, forgotten, flip, remembered, flip, remembered, flip, remembered);
  assert.equal(s.phase, 'summary');
});

test('the summary counts a card by its first grade and lists the forgotten ones', () => {
  const s = run(4, flip, forgotten, flip, remembered, flip, forgotten, flip, remembered, flip, remembered, flip, remembered);
  assert.equal(s.phase, 'summary');
  assert.equal(session.summaryLabel(s), '2 of 4 remembered');
  assert.deepEqual(session.summary(s).forgotten, [0, 2]);
});

test('a card forgotten again keeps coming back until remembered or skipped', () => {
  let s = [flip, forgotten, flip, remembered, flip, forgotten, flip, forgotten].reduce(session.reduce, session.start(2));
  assert.equal(s.phase, 'question');
  assert.equal(session.current(s), 0);
  s = session.reduce(s, skip);
  assert.equal(s.phase, 'summary');
  assert.deepEqual(session.summary(s).forgotten, [0]);
  assert.deepEqual(session.summary(s).skipped, []);
});

test('retry progress counts through the forgotten cards', () => {
  const s = run(3, flip, forgotten, flip, forgotten, flip, remembered, flip, remembered);
  assert.equal(session.current(s), 1);
  assert.equal(session.progressLabel(s), 'Again: 2 of 2');
});

test('skip works on either side and marks the card skipped', () => {
  const s = run(3, skip, flip, skip, flip, remembered);
  assert.equal(s.phase, 'summary');
  assert.deepEqual(session.summary(s).skipped, [0, 1]);
  assert.equal(session.summaryLabel(s), '1 of 3 remembered');
});

test('skip and grades in the summary do nothing', () => {
  const s = run(1, flip, remembered);
  assert.equal(session.reduce(s, skip), s);
  assert.equal(session.reduce(s, flip), s);
  assert.equal(session.reduce(s, forgotten), s);
});

test('restart begins the same cards afresh', () => {
  const s = session.reduce(run(2, flip, forgotten, skip, skip), { type: 'restart' });
  assert.deepEqual(s, session.start(2));
});

test('the reducer never mutates the state it is given', () => {
  const s = session.start(2);
  const frozen = JSON.stringify(s);
  session.reduce(session.reduce(s, flip), forgotten);
  assert.equal(JSON.stringify(s), frozen);
});

test('with four grades, hard and easy end a card for the session and count as remembered; only forgotten comes back', () => {
  const hard: Action = { type: 'grade', grade: 'hard' };
  const easy: Action = { type: 'grade', grade: 'easy' };
  const s = run(3, flip, hard, flip, forgotten, flip, easy);
  assert.equal(s.phase, 'question');
  assert.equal(session.current(s), 1);
  assert.equal(session.progressLabel(s), 'Again: 1 of 1');
  const done = run(3, flip, hard, flip, forgotten, flip, easy, flip, remembered);
  assert.equal(done.phase, 'summary');
  assert.deepEqual(done.outcomes, { 0: 'hard', 1: 'forgotten', 2: 'easy' });
  assert.deepEqual(session.summary(done), { remembered: 2, forgotten: [1], skipped: [], total: 3 });
  assert.equal(session.summaryLabel(done), '2 of 3 remembered');
});

test('the grades offered, in key order: Orbit\'s two, or FSRS\'s four with the setting', () => {
  assert.deepEqual(session.gradesOf(false), ['forgotten', 'remembered']);
  assert.deepEqual(session.gradesOf(true), ['forgotten', 'hard', 'remembered', 'easy']);
  assert.ok(session.isGrade('easy'));
  assert.ok(!session.isGrade('again'));
});
