import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { parsePreviewReviewResult, type PreviewReviewArgs, type PreviewReviewResult, type ReviewScope } from './review/card';

/** The server command behind both review commands and the status bar. */
export const PREVIEW_REVIEW_COMMAND = 'orbit.previewReview';

export async function previewReview(
  client: LanguageClient,
  uri: vscode.Uri,
  scope: ReviewScope,
  position?: vscode.Position,
  token?: vscode.CancellationToken,
): Promise<PreviewReviewResult> {
  const args: PreviewReviewArgs = { uri: client.code2ProtocolConverter.asUri(uri), scope };
  if (position) args.position = { line: position.line, character: position.character };
  const result = await client.sendRequest(
    ExecuteCommandRequest.type,
    { command: PREVIEW_REVIEW_COMMAND, arguments: [args] },
    token,
  );
  return parsePreviewReviewResult(result);
}
