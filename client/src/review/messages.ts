/** Messages between the extension and the review webview. No vscode import. */
import type { Card } from './card';
import { isGrade, type Grade } from './session';

/** The one Trusted Types policy the panel's Content-Security-Policy allows (webview/promptHtml.ts makes it). */
export const PROMPT_POLICY = 'orbit-prompt';

export interface SessionMessage {
  type: 'session';
  title: string;
  cards: Card[];
  /** A new session id: the webview drops saved state of an older one. */
  id: number;
  /** Hard and Easy as well as Forgotten and Remembered (keys 1-4), from `orbitLsp.review.fourGrades`. */
  fourGrades?: boolean;
}

/** A graded card's next review, as the server scheduled it ("due in 3 days", 2026-12-07). */
export interface ScheduledMessage {
  type: 'scheduled';
  id: number;
  card: number;
  dueText: string;
  due: string;
}

export type ToWebview = SessionMessage | ScheduledMessage;

export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; card: number }
  | { type: 'openLink'; href: string }
  | { type: 'graded'; card: number; grade: Grade };

/** Validates a message from the webview: anything else is ignored. */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return Number.isInteger(m.card) && (m.card as number) >= 0 ? { type: 'reveal', card: m.card as number } : undefined;
    case 'graded':
      return Number.isInteger(m.card) && (m.card as number) >= 0 && isGrade(m.grade)
        ? { type: 'graded', card: m.card as number, grade: m.grade }
        : undefined;
    case 'openLink':
      return typeof m.href === 'string' && /^(https?:|mailto:)/i.test(m.href) ? { type: 'openLink', href: m.href } : undefined;
    default:
      return undefined;
  }
}
