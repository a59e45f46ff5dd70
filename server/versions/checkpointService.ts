import type { Room } from '../collab/room.js';
import type { Logger } from '../log.js';
import type { Catalog } from '../storage/catalog.js';
import type { VersionService } from './versionService.js';

export interface CheckpointOptions {
  /** A checkpoint is taken once the text has been quiet this long after a change. */
  readonly idleMs: number;
  /** …and at least this often while people keep editing. */
  readonly maxMs: number;
}

/**
 * Takes automatic versions of each open declaration: after a pause in activity, at least every
 * `maxMs` of editing, and when the room unloads with changes not yet in a version.
 */
export class CheckpointService {
  constructor(
    private readonly catalog: Catalog,
    private readonly versions: VersionService,
    private readonly log: Logger,
    private readonly options: CheckpointOptions,
  ) {}

  attach(room: Room): void {
    let idle: NodeJS.Timeout | null = null;
    let firstUnsaved: number | null = null;
    const take = async () => {
      if (idle) clearTimeout(idle);
      idle = null;
      if (firstUnsaved === null) return;
      firstUnsaved = null;
      // With several instances, the one holding the declaration's lease takes checkpoints.
      if (!room.leads) return;
      const declaration = await this.catalog.getDeclaration(room.id);
      if (!declaration) return;
      const label = `Auto ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      await this.versions.createIn(room, declaration, { kind: 'auto', label, note: '', by: 'Accord' });
    };
    const run = () => void take().catch((error) => this.log.error('checkpoint.failed', { declaration: room.id, error: String(error) }));
    room.hooks.onTextChange(() => {
      const now = Date.now();
      firstUnsaved ??= now;
      if (idle) clearTimeout(idle);
      if (now - firstUnsaved >= this.options.maxMs) return run();
      idle = setTimeout(run, this.options.idleMs);
      idle.unref();
    });
    room.hooks.beforeClose(take);
  }
}
