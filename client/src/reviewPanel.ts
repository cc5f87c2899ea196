import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { PreviewReviewResult } from './review/card';
import { PROMPT_POLICY, parseFromWebview, type ToWebview } from './review/messages';
import type { Grade } from './review/session';

/** Records a grade through the server and answers when the card is due next. */
export type RecordGrade = (card: { id: string; uri: string }, grade: Grade) => Promise<{ dueText: string; due: string } | undefined>;

/**
 * The review panel: one webview, reused by both review commands. The webview renders and runs
 * the session (dist/webview.js); this side only hands it the cards and answers its requests
 * to reveal a card's line or open a web link.
 */
export class ReviewPanel {
  private static current: ReviewPanel | undefined;
  private static sessions = 0;
  private session: { id: number; uri: vscode.Uri; result: PreviewReviewResult } | undefined;
  private webviewReady = false;

  static show(extensionUri: vscode.Uri, uri: vscode.Uri, result: PreviewReviewResult, record: RecordGrade, column?: vscode.ViewColumn): void {
    if (!ReviewPanel.current) ReviewPanel.current = new ReviewPanel(extensionUri, record, column);
    ReviewPanel.current.load(uri, result);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(private readonly extensionUri: vscode.Uri, private readonly record: RecordGrade, private readonly sourceColumn?: vscode.ViewColumn) {
    this.panel = vscode.window.createWebviewPanel('orbitLsp.review', 'Orbit Review', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: false,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'orbit.svg');
    this.panel.webview.html = this.html();
    this.panel.webview.onDidReceiveMessage((m) => this.receive(m));
    this.panel.onDidDispose(() => (ReviewPanel.current = undefined));
  }

  private load(uri: vscode.Uri, result: PreviewReviewResult): void {
    this.session = { id: ++ReviewPanel.sessions, uri, result };
    this.panel.title = `Review: ${result.title || 'Orbit'}`;
    this.panel.reveal(undefined, false);
    if (this.webviewReady) this.post();
  }

  private post(): void {
    if (!this.session) return;
    const fourGrades = vscode.workspace.getConfiguration('orbitLsp').get<boolean>('review.fourGrades', false) === true;
    const message: ToWebview = { type: 'session', id: this.session.id, title: this.session.result.title, cards: this.session.result.cards, fourGrades };
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) return;
    if (message.type === 'ready') {
      this.webviewReady = true;
      this.post();
    } else if (message.type === 'graded') {
      const session = this.session;
      const card = session?.result.cards[message.card];
      if (!session || !card?.id) return;
      const next = await this.record({ id: card.id, uri: card.uri ?? session.uri.toString() }, message.grade);
      if (next && this.session === session) {
        void this.panel.webview.postMessage({ type: 'scheduled', id: session.id, card: message.card, ...next } satisfies ToWebview);
      }
    } else if (message.type === 'reveal') {
      const card = this.session?.result.cards[message.card];
      if (!card || !this.session) return;
      const range = new vscode.Range(card.range.start.line, card.range.start.character, card.range.end.line, card.range.end.character);
      const editor = await vscode.window.showTextDocument(card.uri ? vscode.Uri.parse(card.uri) : this.session.uri, { viewColumn: this.sourceColumn ?? vscode.ViewColumn.One, selection: range });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } else if (message.type === 'openLink') {
      await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...parts)).toString();
    // Nothing but the panel's own script, stylesheets and KaTeX fonts: no image, frame, object,
    // connection or form target, no inline script or style markup (KaTeX sets styles through the
    // CSSOM), and prompt HTML only through the one Trusted Types policy (webview/promptHtml.ts).
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      "base-uri 'none'",
      "form-action 'none'",
      "require-trusted-types-for 'script'",
      `trusted-types ${PROMPT_POLICY}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('media', 'katex', 'katex.min.css')}">
<link rel="stylesheet" href="${asset('media', 'review.css')}">
<title>Orbit Review</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Loading the cards…</p></main>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
  }
}
