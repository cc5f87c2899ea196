/**
 * The result of the server's `orbit.previewReview` command: the cards exactly as the
 * published page will contain them (see the server's README and issue contract).
 * Shared by the extension host and the webview; no vscode import.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Card {
  question: string;
  answer: string;
  /** The Orbit colour the page gets (one of ORBIT_COLORS when valid). */
  color: string;
  /** 0-based index of the review area in the note. */
  block: number;
  /** 0-based index of the prompt within its block. */
  prompt: number;
  /** LSP range of the question line. */
  range: Range;
  /** Rule codes (e.g. "OL001") of the problems that affect this card. */
  problems: string[];
  /** True when the block sits inside an HTML comment: readers never see it. */
  hidden: boolean;
  /** The card's id for `orbit.recordReview`; absent for a card readers cannot review. */
  id?: string;
  /** The note the card is in, when a session spans notes (`orbit.reviewDue` of the workspace). */
  uri?: string;
  /** "new", "due" or "later", from `orbit.reviewDue`. */
  state?: string;
  /** The day the card is due (YYYY-MM-DD), from `orbit.reviewDue`; absent for a new card. */
  due?: string;
}

export interface PreviewReviewResult {
  title: string;
  cards: Card[];
  /** From `orbit.reviewDue`: the cards due in all (the result may hold only the first of them). */
  total?: number;
  /** From `orbit.reviewDue`: when nothing is due, the day the next card is. */
  nextDue?: string;
}

export type ReviewScope = 'block' | 'document';

export interface PreviewReviewArgs {
  uri: string;
  position?: Position;
  scope?: ReviewScope;
}

/** The twelve review-area colours Orbit accepts. */
export const ORBIT_COLORS = [
  'red', 'orange', 'brown', 'yellow', 'lime', 'green',
  'turquoise', 'cyan', 'blue', 'violet', 'purple', 'pink',
] as const;

export type OrbitColor = (typeof ORBIT_COLORS)[number];

/** The accent for a card colour; anything Orbit would reject gets the default, purple. */
export function accentOf(color: string | undefined): OrbitColor {
  const c = (color ?? '').trim().toLowerCase();
  return (ORBIT_COLORS as readonly string[]).includes(c) ? (c as OrbitColor) : 'purple';
}

/** Checks the shape of a server result so a malformed reply is an error message, not a crash. */
export function parsePreviewReviewResult(value: unknown): PreviewReviewResult {
  if (typeof value !== 'object' || value === null) throw new Error('orbit.previewReview returned no result');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.cards)) throw new Error('orbit.previewReview returned no cards array');
  const cards = v.cards.map((c, i): Card => {
    if (typeof c !== 'object' || c === null) throw new Error(`card ${i} is not an object`);
    const o = c as Record<string, unknown>;
    return {
      question: str(o.question),
      answer: str(o.answer),
      color: str(o.color),
      block: num(o.block),
      prompt: num(o.prompt),
      range: range(o.range),
      problems: Array.isArray(o.problems) ? o.problems.filter((p): p is string => typeof p === 'string') : [],
      hidden: o.hidden === true,
      ...optional('id', o.id),
      ...optional('uri', o.uri),
      ...optional('state', o.state),
      ...optional('due', o.due),
    };
  });
  const result: PreviewReviewResult = { title: str(v.title), cards };
  if (typeof v.total === 'number' && Number.isFinite(v.total)) result.total = v.total;
  if (typeof v.nextDue === 'string') result.nextDue = v.nextDue;
  return result;
}

function optional<K extends string>(key: K, v: unknown): Partial<Record<K, string>> {
  return typeof v === 'string' && v !== '' ? ({ [key]: v } as Record<K, string>) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
}

function range(v: unknown): Range {
  const r = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  return { start: pos(r.start), end: pos(r.end) };
}

function pos(v: unknown): Position {
  const p = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  return { line: num(p.line), character: num(p.character) };
}
