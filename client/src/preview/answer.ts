/**
 * The answer of the server's `orbit.pagePreview` command: what the published page makes of a
 * note's shortcodes (review areas with their cards, other calls, escaped calls, the problem that
 * stops the build), with exact source ranges. No vscode import: used by the markdown-it plugin
 * and its tests.
 */
import type { Position, Range } from '../review/card';

export type { Position, Range };

export interface ClozePart {
  text: string;
  deleted: boolean;
}

export interface PreviewCard {
  prompt: number;
  question: string;
  answer: string;
  /** False when the note gives no answer at all (Orbit shows a blank back). */
  hasAnswer: boolean;
  /** 0-based line of the question. */
  line: number;
  /** The prompt's whole source. */
  range: Range;
  problems: string[];
  /** 0-based line that shifted this card's pairing, when one did. */
  shiftedBy?: number;
  /** A cloze prompt: its text cut into runs and deletions. */
  cloze?: ClozePart[];
  questionAttachments?: string[];
  answerAttachments?: string[];
}

export interface PreviewArea {
  /** 0-based index among the page's review areas (the `block` of `orbitlsp cards`). */
  index: number;
  form: 'shortcode' | 'legacy' | 'html';
  placement: 'body' | 'codeFence' | 'htmlComment';
  /** In an HTML comment: the browser hides it. */
  hidden: boolean;
  /** Exactly as the page gets it. */
  color: string;
  /** From the opening tag's first character to the closing tag's last. */
  range: Range;
  openRange: Range;
  problems: string[];
  cards: PreviewCard[];
}

export interface PreviewCall {
  name: string;
  range: Range;
  closing: boolean;
  selfClosing: boolean;
  /** An escaped call (a shortcode comment, which Hugo prints as text): the text the page prints instead. */
  text?: string;
  problems: string[];
}

export interface PreviewProblem {
  code: string;
  message: string;
  range: Range;
}

export interface RuleInfo {
  name: string;
  title: string;
}

export interface PagePreview {
  /** The editor version the answer was computed from; undefined when the server read the file. */
  version?: number;
  areas: PreviewArea[];
  shortcodes: PreviewCall[];
  buildFailure?: PreviewProblem;
  rules: Record<string, RuleInfo>;
}

/** Checks the shape of a server answer, so that a malformed one is an error, not a broken preview. */
export function parsePagePreview(value: unknown): PagePreview {
  const v = object(value, 'orbit.pagePreview result');
  const rules: Record<string, RuleInfo> = {};
  for (const [code, rule] of Object.entries(object(v.rules ?? {}, 'rules'))) {
    const r = object(rule, `rule ${code}`);
    rules[code] = { name: str(r.name), title: str(r.title) };
  }
  return {
    version: typeof v.version === 'number' ? v.version : undefined,
    areas: array(v.areas, 'areas').map((a, i) => area(object(a, `area ${i}`))),
    shortcodes: array(v.shortcodes ?? [], 'shortcodes').map((c, i) => call(object(c, `shortcode ${i}`))),
    buildFailure: v.buildFailure == null ? undefined : problem(object(v.buildFailure, 'buildFailure')),
    rules,
  };
}

function area(a: Record<string, unknown>): PreviewArea {
  return {
    index: int(a.index, 'area index'),
    form: a.form === 'legacy' || a.form === 'html' ? a.form : 'shortcode',
    placement: a.placement === 'codeFence' || a.placement === 'htmlComment' ? a.placement : 'body',
    hidden: a.hidden === true,
    color: str(a.color),
    range: range(a.range),
    openRange: range(a.openRange),
    problems: strings(a.problems),
    cards: array(a.cards, 'cards').map((c, i) => card(object(c, `card ${i}`))),
  };
}

function card(c: Record<string, unknown>): PreviewCard {
  const result: PreviewCard = {
    prompt: int(c.prompt, 'prompt'),
    question: str(c.question),
    answer: str(c.answer),
    hasAnswer: c.hasAnswer !== false,
    line: int(c.line, 'line'),
    range: range(c.range),
    problems: strings(c.problems),
  };
  if (typeof c.shiftedBy === 'number') result.shiftedBy = int(c.shiftedBy, 'shiftedBy');
  if (Array.isArray(c.cloze)) {
    result.cloze = c.cloze.map((p, i) => {
      const part = object(p, `cloze part ${i}`);
      return { text: str(part.text), deleted: part.deleted === true };
    });
  }
  if (Array.isArray(c.questionAttachments)) result.questionAttachments = strings(c.questionAttachments);
  if (Array.isArray(c.answerAttachments)) result.answerAttachments = strings(c.answerAttachments);
  return result;
}

function call(c: Record<string, unknown>): PreviewCall {
  const result: PreviewCall = {
    name: str(c.name),
    range: range(c.range),
    closing: c.closing === true,
    selfClosing: c.selfClosing === true,
    problems: strings(c.problems),
  };
  if (typeof c.text === 'string') result.text = c.text;
  return result;
}

function problem(p: Record<string, unknown>): PreviewProblem {
  return { code: str(p.code), message: str(p.message), range: range(p.range) };
}

function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${what} is not an array`);
  return v;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function int(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`${what} is not a whole number`);
  return v;
}

function range(v: unknown): Range {
  const r = object(v, 'range');
  return { start: position(r.start), end: position(r.end) };
}

function position(v: unknown): Position {
  const p = object(v, 'position');
  return { line: int(p.line, 'line'), character: int(p.character, 'character') };
}
