import * as vscode from 'vscode';
import type { ServerController } from './serverController';
import { reviewDue } from './reviewDue';
import { LatestAnswer } from './latestAnswer';

/** How often the count is asked again without a reason (the day may have changed, another window may have graded). */
const REFRESH_EVERY_MS = 10 * 60 * 1000;

/**
 * "$(history) 12 due": the cards of the workspace to review today (reviewed cards due or overdue,
 * and new ones), as `orbit.reviewDue` counts them. A click runs "Orbit: Review Due Cards".
 */
export class DueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('orbitLsp.due', vscode.StatusBarAlignment.Right, 99);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly interval: ReturnType<typeof setInterval>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  // The counts asked after two grades in a row may come back in the other order: the older is dropped.
  private readonly latest = new LatestAnswer();

  constructor(private readonly server: ServerController) {
    this.item.name = 'Orbit cards due';
    this.item.command = 'orbitLsp.reviewDue';
    this.disposables.push(
      this.item,
      server.onDidChangeClient(() => this.refresh(1000)),
      vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'markdown' && this.refresh(500)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('orbitLsp') && this.refresh(0)),
    );
    this.interval = setInterval(() => this.refresh(0), REFRESH_EVERY_MS);
    this.refresh(0);
  }

  /** Asks again after <paramref name="delay"/> ms (after a grade, a save, a new server). */
  refresh(delay = 0): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const client = this.server.running;
    const enabled = vscode.workspace.getConfiguration('orbitLsp').get<boolean>('statusBar.enabled', true);
    if (!client || !enabled) {
      this.latest.forget();
      this.item.hide();
      return;
    }
    await this.latest.run(
      () => reviewDue(client, 1),
      (result) => {
        const total = result.total ?? result.cards.length;
        this.item.text = `$(history) ${total} due`;
        this.item.tooltip = total > 0
          ? `Orbit: ${total} ${total === 1 ? 'card' : 'cards'} to review today (due, overdue or new). Click to review.`
          : `Orbit: nothing to review today${result.nextDue ? `; next on ${result.nextDue}` : ''}.`;
        this.item.accessibilityInformation = { label: `Orbit: ${total} cards due today. Review due cards.`, role: 'button' };
        this.item.show();
      },
      () => this.item.hide(),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.interval);
    for (const d of this.disposables) d.dispose();
  }
}
