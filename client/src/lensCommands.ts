/**
 * The server's code lenses name its own commands (`orbit.previewReview`, `orbit.showProblems`),
 * which any editor can run through workspace/executeCommand. In VS Code a lens should open the
 * review panel or the problem, so the extension swaps them for its own commands. Pure: no vscode.
 */

export interface LensCommand {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface BlockTarget {
  uri: string;
  position: { line: number; character: number };
}

/** The extension's command behind each server lens command. */
export const LENS_COMMANDS: Record<string, string> = {
  'orbit.previewReview': 'orbitLsp.reviewBlock',
  'orbit.showProblems': 'orbitLsp.showProblems',
};

/** The lens's argument when it is `{ uri, position }`, as the server sends it. */
export function blockTarget(argument: unknown): BlockTarget | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { uri, position } = argument as { uri?: unknown; position?: { line?: unknown; character?: unknown } };
  if (typeof uri !== 'string' || typeof position?.line !== 'number' || typeof position.character !== 'number') return undefined;
  return { uri, position: { line: position.line, character: position.character } };
}

/** The command a lens runs in VS Code: the extension's own, with the block as argument; others unchanged. */
export function mapLensCommand<T extends LensCommand>(command: T): T {
  const own = LENS_COMMANDS[command.command];
  const target = blockTarget(command.arguments?.[0]);
  if (!own || !target) return command;
  return { ...command, command: own, arguments: [target] };
}
