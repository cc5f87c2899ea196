import * as vscode from 'vscode';
import * as fs from 'node:fs';
import { execFile } from 'node:child_process';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { hasRuntime, locateServer, type LocateResult, type LocatorHost } from './serverLocator';
import { mapLensCommand } from './lensCommands';

/**
 * Owns the language client: finds the server, starts it over stdio, restarts it on request or
 * when a server setting changes (the library restarts it after a crash), reports a missing
 * runtime or server once, with a button that opens the setting.
 */
export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly changed = new vscode.EventEmitter<LanguageClient | undefined>();
  /** Fires with the running client after a (re)start, undefined after a stop. */
  readonly onDidChangeClient = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.OutputChannel) {}

  /**
   * The running client: waits while it (re)starts, starts it when there is none or when the
   * library gave up after repeated crashes; undefined when the server cannot run.
   */
  async ready(): Promise<LanguageClient | undefined> {
    if (this.starting) return this.starting;
    const client = this.client;
    if (client?.state === State.Running) return client;
    if (client?.state === State.Starting) {
      return new Promise((resolve) => {
        const listener = client.onDidChangeState((e) => {
          if (e.newState === State.Starting) return;
          listener.dispose();
          resolve(e.newState === State.Running ? client : undefined);
        });
      });
    }
    if (client) await this.stop();
    return this.start();
  }

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  start(): Promise<LanguageClient | undefined> {
    this.starting = this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.changed.fire(undefined);
    if (client) await client.stop().catch((e) => this.log.appendLine(`Stopping the server failed: ${String(e)}`));
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }

  private async doStart(): Promise<LanguageClient | undefined> {
    const found = locateServer(this.host());
    if (found.kind === 'missing') return this.missing(found);
    if (found.command !== found.server && !(await this.runtimeInstalled(found.command))) {
      return this.missing({
        kind: 'missing',
        what: 'dotnet',
        message: `The Orbit language server needs the .NET 10 runtime, which ${found.command} does not have. Install the .NET 10 runtime (https://dotnet.microsoft.com/download/dotnet/10.0), or set orbitLsp.server.dotnetPath.`,
      });
    }
    this.log.appendLine(`Starting the ${found.source} server: ${found.command} ${found.args.join(' ')}`);
    const serverOptions: ServerOptions = { command: found.command, args: found.args, transport: TransportKind.stdio };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
        // For completion of rule codes and the file's own problems; the server does not read it as a note.
        { scheme: 'file', pattern: '**/.orbitlsp.yaml' },
      ],
      middleware: {
        provideCodeLenses: async (document, token, next) => {
          const lenses = await next(document, token);
          for (const lens of lenses ?? []) if (lens.command) lens.command = mapLensCommand(lens.command);
          return lenses;
        },
      },
      synchronize: { configurationSection: 'orbitLsp' },
      outputChannel: this.log,
    };
    const client = new LanguageClient('orbitLsp', 'Orbit Language Server', serverOptions, clientOptions);
    try {
      await client.start();
    } catch (error) {
      // The library has already told the user, with a button to this log.
      this.log.appendLine(`The server did not start: ${String(error)}`);
      await client.dispose().catch(() => undefined);
      return undefined;
    }
    this.client = client;
    this.changed.fire(client);
    return client;
  }

  private missing(result: Extract<LocateResult, { kind: 'missing' }>): undefined {
    this.log.appendLine(result.message);
    const setting = result.what === 'dotnet' ? 'orbitLsp.server.dotnetPath' : 'orbitLsp.server.path';
    void vscode.window.showErrorMessage(`Orbit: ${result.message}`, 'Open Setting').then((b) => {
      if (b) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
    });
    return undefined;
  }

  private runtimeInstalled(dotnet: string): Promise<boolean> {
    return new Promise((resolve) => {
      execFile(dotnet, ['--list-runtimes'], { timeout: 10_000 }, (error, stdout) => {
        if (error) this.log.appendLine(`${dotnet} --list-runtimes failed: ${error.message}`);
        resolve(!error && hasRuntime(stdout));
      });
    });
  }

  private host(): LocatorHost {
    const config = vscode.workspace.getConfiguration('orbitLsp.server');
    return {
      serverPathSetting: config.get<string>('path', ''),
      dotnetPathSetting: config.get<string>('dotnetPath', ''),
      extensionPath: this.context.extensionPath,
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
      env: process.env,
      platform: process.platform,
      fileTime: (file) => {
        try {
          const stat = fs.statSync(file);
          return stat.isFile() ? stat.mtimeMs : undefined;
        } catch {
          return undefined;
        }
      },
    };
  }
}
