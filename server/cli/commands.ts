/** A command takes its arguments and resolves to an exit code; a thrown error is its one-line reason. */
export type Command = (args: string[]) => Promise<number>;

// Each command loads only what it needs: `accord invite` does not load the .docx reader.
export const commands: Record<string, Command> = {
  invite: async (args) => (await import('./invite.js')).inviteCommand(args),
  import: async (args) => (await import('./import.js')).importCommand(args),
  align: async (args) => (await import('./align.js')).alignCommand(args),
  export: async (args) => (await import('./export.js')).exportCommand(args),
  verify: async (args) => (await import('./verify.js')).verifyCommand(args),
};
