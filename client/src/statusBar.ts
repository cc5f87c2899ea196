import * as vscode from 'vscode';
import type { ServerController } from './serverController';
import { previewReview } from './previewReview';

/** Delay after the last edit before the prompt count is asked again. */
const REFRESH_DELAY_MS = 400;

/**
 * "$(mortar-board) 8 prompts, 3 problems" for the current Markdown note: the prompts from
 * `orbit.previewReview` (scope document), the problems from the diagnostics whose source is
 * "orbitlsp". A click runs "Orbit: Review This Note".
 */
export class PromptStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('orbitLsp.prompts', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request: vscode.CancellationTokenSource | undefined;
  private prompts: number | undefined;

  constructor(private readonly server: ServerController) {
    this.item.name = 'Orbit prompts';
    this.item.command = 'orbitLsp.reviewNote';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.schedule(REFRESH_DELAY_MS)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = vscode.window.activeTextEditor?.document.uri.toString();
        if (e.uris.some((u) => u.toString() === uri)) this.render();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('orbitLsp.statusBar') && this.schedule(0)),
      server.onDidChangeClient(() => this.schedule(0)),
    );
    this.schedule(0);
  }

  private document(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    const enabled = vscode.workspace.getConfiguration('orbitLsp').get<boolean>('statusBar.enabled', true);
    return enabled && doc?.languageId === 'markdown' ? doc : undefined;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    this.request?.cancel();
    const doc = this.document();
    const client = this.server.running;
    if (!doc || !client) {
      this.prompts = undefined;
      this.render();
      return;
    }
    const request = (this.request = new vscode.CancellationTokenSource());
    try {
      const result = await previewReview(client, doc.uri, 'document', undefined, request.token);
      if (request.token.isCancellationRequested) return;
      this.prompts = result.cards.length;
    } catch {
      if (request.token.isCancellationRequested) return;
      this.prompts = undefined;
    }
    this.render();
  }

  private render(): void {
    const doc = this.document();
    if (!doc || this.prompts === undefined) {
      this.item.hide();
      return;
    }
    const problems = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'orbitlsp');
    const errors = problems.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const prompts = `${this.prompts} ${this.prompts === 1 ? 'prompt' : 'prompts'}`;
    const issues = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
    this.item.text = problems.length > 0 ? `$(mortar-board) ${prompts} $(${errors > 0 ? 'error' : 'warning'}) ${problems.length}` : `$(mortar-board) ${prompts}`;
    this.item.tooltip = `Orbit: ${prompts}, ${issues} in this note. Click to review the note.`;
    this.item.accessibilityInformation = { label: `Orbit: ${prompts}, ${issues}. Review this note.`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.request?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
