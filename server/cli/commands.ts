import { inviteCommand } from './invite.js';
import { importCommand } from './import.js';
import { alignCommand } from './align.js';

/** A command takes its arguments and resolves to an exit code; a thrown error is its one-line reason. */
export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {
  invite: inviteCommand,
  import: importCommand,
  align: alignCommand,
};
