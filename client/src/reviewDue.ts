import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { parsePreviewReviewResult, type PreviewReviewResult } from './review/card';

/** The server's spaced-review commands: the scheduling is the server's, this only asks. */
export const REVIEW_DUE_COMMAND = 'orbit.reviewDue';
export const RECORD_REVIEW_COMMAND = 'orbit.recordReview';

/** How many due cards one "Review Due Cards" session takes. */
export const SESSION_LIMIT = 200;

export async function reviewDue(client: LanguageClient, limit = SESSION_LIMIT): Promise<PreviewReviewResult> {
  const result = await client.sendRequest(ExecuteCommandRequest.type, { command: REVIEW_DUE_COMMAND, arguments: [{ scope: 'workspace', limit }] });
  return parsePreviewReviewResult(result);
}

export async function recordReview(client: LanguageClient, id: string, uri: string, grade: string): Promise<{ dueText: string; due: string }> {
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: RECORD_REVIEW_COMMAND,
    arguments: [{ id, uri, grade, reviewedAt: new Date().toISOString() }],
  })) as { dueText?: unknown; due?: unknown } | null;
  return { dueText: typeof result?.dueText === 'string' ? result.dueText : '', due: typeof result?.due === 'string' ? result.due : '' };
}
