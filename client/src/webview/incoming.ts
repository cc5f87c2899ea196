import { parsePreviewReviewResult } from '../review/card';
import type { SessionMessage } from '../review/messages';

/** Validates a message from the extension before the panel trusts its shape. */
export function parseToWebview(value: unknown): SessionMessage | undefined {
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'session') return undefined;
  try {
    const result = parsePreviewReviewResult(value);
    const id = (value as { id?: unknown }).id;
    return { type: 'session', id: typeof id === 'number' ? id : 0, title: result.title, cards: result.cards };
  } catch {
    return undefined;
  }
}
