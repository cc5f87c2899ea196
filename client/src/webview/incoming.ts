import { parsePreviewReviewResult } from '../review/card';
import type { ToWebview } from '../review/messages';

/** Validates a message from the extension before the panel trusts its shape. */
export function parseToWebview(value: unknown): ToWebview | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.type === 'scheduled') {
    return typeof m.id === 'number' && Number.isInteger(m.card) && (m.card as number) >= 0 && typeof m.dueText === 'string' && typeof m.due === 'string'
      ? { type: 'scheduled', id: m.id, card: m.card as number, dueText: m.dueText, due: m.due }
      : undefined;
  }
  if (m.type !== 'session') return undefined;
  try {
    const result = parsePreviewReviewResult(value);
    return { type: 'session', id: typeof m.id === 'number' ? m.id : 0, title: result.title, cards: result.cards, fourGrades: m.fourGrades === true };
  } catch {
    return undefined;
  }
}
