import * as vscode from 'vscode';
import { ServerController } from './serverController';
import { ReviewPanel } from './reviewPanel';
import { previewReview } from './previewReview';
import { PromptStatusBar } from './statusBar';
import type { ReviewScope } from './review/card';

let server: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Orbit Language Server');
  server = new ServerController(context, log);
  const statusBar = new PromptStatusBar(server);

  const review = async (scope: ReviewScope): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage('Orbit: open a Markdown note to review it.');
      return;
    }
    const client = await server?.ready();
    if (!client) return;
    const position = scope === 'block' ? editor.selection.active : undefined;
    try {
      const result = await previewReview(client, editor.document.uri, scope, position);
      if (result.cards.length === 0) {
        const where = scope === 'block' ? 'at the cursor' : 'in this note';
        void vscode.window.showInformationMessage(`Orbit: no review block with prompts ${where}.`);
        return;
      }
      ReviewPanel.show(context.extensionUri, editor.document.uri, result, editor.viewColumn);
    } catch (error) {
      log.appendLine(`orbit.previewReview failed: ${String(error)}`);
      void vscode.window.showErrorMessage(`Orbit: the review could not start: ${(error as Error).message ?? error}`);
    }
  };

  context.subscriptions.push(
    log,
    server,
    statusBar,
    vscode.commands.registerCommand('orbitLsp.reviewBlock', () => review('block')),
    vscode.commands.registerCommand('orbitLsp.reviewNote', () => review('document')),
    vscode.commands.registerCommand('orbitLsp.restartServer', () => server?.restart()),
    vscode.commands.registerCommand('orbitLsp.showServerLog', () => log.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('orbitLsp.server')) void server?.restart();
    }),
  );

  await server.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
