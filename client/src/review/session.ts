/**
 * The review session as Orbit's embedded review runs it: one card at a time, the question,
 * then the answer, then a grade; forgotten cards come back before the session ends; a summary.
 * A pure reducer over immutable state: no DOM, no vscode, so it is unit-tested in Node.
 * Grades are Orbit's two (forgotten, remembered), or FSRS's four with the setting
 * `orbitLsp.review.fourGrades`: hard and easy count as remembered here (the card is done for the
 * session); only the schedule the server computes differs.
 */
export type Grade = 'forgotten' | 'hard' | 'remembered' | 'easy';

/** The grades a session offers, in key order (key 1 is the first). */
export function gradesOf(fourGrades: boolean): readonly Grade[] {
  return fourGrades ? ['forgotten', 'hard', 'remembered', 'easy'] : ['forgotten', 'remembered'];
}

/** Whether a string is a grade. */
export function isGrade(value: unknown): value is Grade {
  return value === 'forgotten' || value === 'hard' || value === 'remembered' || value === 'easy';
}

/** How a card ended on its first showing (later showings of a forgotten card do not change it). */
export type Outcome = Grade | 'skipped';

export type Phase = 'question' | 'answer' | 'summary';

export interface SessionState {
  /** Number of cards in the session; cards are referred to by index. */
  readonly total: number;
  /** Indexes still to show, the current one first. */
  readonly queue: readonly number[];
  readonly phase: Phase;
  /** First-showing outcome per card index. */
  readonly outcomes: Readonly<Record<number, Outcome>>;
}

export type Action =
  | { type: 'flip' }
  | { type: 'grade'; grade: Grade }
  | { type: 'skip' }
  | { type: 'restart' };

export function start(total: number): SessionState {
  const n = Math.max(0, Math.floor(total));
  const queue = Array.from({ length: n }, (_, i) => i);
  return { total: n, queue, phase: n === 0 ? 'summary' : 'question', outcomes: {} };
}

/** The card on screen, or undefined in the summary. */
export function current(state: SessionState): number | undefined {
  return state.phase === 'summary' ? undefined : state.queue[0];
}

/** Actions that make no sense in the current phase leave the state unchanged. */
export function reduce(state: SessionState, action: Action): SessionState {
  switch (action.type) {
    case 'restart':
      return start(state.total);
    case 'flip':
      return state.phase === 'question' ? { ...state, phase: 'answer' } : state;
    case 'grade': {
      if (state.phase !== 'answer') return state;
      const [card, ...rest] = state.queue;
      const outcomes = card in state.outcomes ? state.outcomes : { ...state.outcomes, [card]: action.grade };
      // NOTE: a forgotten card goes to the end of the queue every time it is forgotten, as on the
      // published page; "Skip" is the way out of a card one cannot recall.
      const queue = action.grade === 'forgotten' ? [...rest, card] : rest;
      return next(state, queue, outcomes);
    }
    case 'skip': {
      if (state.phase === 'summary') return state;
      const [card, ...rest] = state.queue;
      const outcomes = card in state.outcomes ? state.outcomes : { ...state.outcomes, [card]: 'skipped' as const };
      return next(state, rest, outcomes);
    }
  }
}

function next(state: SessionState, queue: number[], outcomes: Record<number, Outcome>): SessionState {
  return { ...state, queue, outcomes, phase: queue.length === 0 ? 'summary' : 'question' };
}

export interface Progress {
  /** 1-based number of the card on screen among the session's cards (first pass), or of the retry. */
  position: number;
  /** Cards in the pass: all cards in the first pass, the forgotten ones in the retry pass. */
  of: number;
  /** True once every card has been shown once and forgotten ones come back. */
  retry: boolean;
}

export function progress(state: SessionState): Progress {
  const seen = Object.keys(state.outcomes).length;
  const card = current(state);
  if (card === undefined) return { position: state.total, of: state.total, retry: false };
  if (!(card in state.outcomes)) return { position: seen + 1, of: state.total, retry: false };
  const forgotten = forgottenCards(state).length;
  return { position: forgotten - state.queue.length + 1, of: forgotten, retry: true };
}

/** "3 of 8" or "Again: 1 of 2", for the progress live region. */
export function progressLabel(state: SessionState): string {
  const p = progress(state);
  return p.retry ? `Again: ${p.position} of ${p.of}` : `${p.position} of ${p.of}`;
}

export interface Summary {
  /** Cards remembered on their first showing (hard and easy included). */
  remembered: number;
  forgotten: number[];
  skipped: number[];
  total: number;
}

export function summary(state: SessionState): Summary {
  return {
    remembered: Object.values(state.outcomes).filter((o) => o === 'remembered' || o === 'hard' || o === 'easy').length,
    forgotten: forgottenCards(state),
    skipped: cardsWith(state, 'skipped'),
    total: state.total,
  };
}

/** "5 of 8 remembered" */
export function summaryLabel(state: SessionState): string {
  const s = summary(state);
  return `${s.remembered} of ${s.total} remembered`;
}

function forgottenCards(state: SessionState): number[] {
  return cardsWith(state, 'forgotten');
}

function cardsWith(state: SessionState, outcome: Outcome): number[] {
  return Object.entries(state.outcomes)
    .filter(([, o]) => o === outcome)
    .map(([i]) => Number(i))
    .sort((a, b) => a - b);
}
