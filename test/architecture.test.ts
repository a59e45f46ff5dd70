import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { PROJECT_ROOT } from './helpers/paths.js';

/** Every TypeScript file under a layer, with the project paths it imports. */
function importsOf(layer: string): { file: string; target: string }[] {
  const found: { file: string; target: string }[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.tsx?$/.test(name)) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
          found.push({ file: relative(PROJECT_ROOT, path), target: relative(PROJECT_ROOT, resolve(dirname(path), m[1]!)) });
        }
      }
    }
  };
  visit(join(PROJECT_ROOT, layer));
  return found;
}

describe('layers', () => {
  it('keep dependencies one way: client → shared ← server, and shared imports neither', () => {
    const upward = [
      ...importsOf('shared').filter((i) => /^(client|server)\//.test(i.target)),
      ...importsOf('client').filter((i) => i.target.startsWith('server/')),
      ...importsOf('server').filter((i) => i.target.startsWith('client/')),
    ];
    expect(upward).toEqual([]);
  });

  it('keeps the shared core free of Node modules (no files, sockets or processes)', () => {
    const builtins = new Set(['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads', 'process', 'url', 'zlib']);
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'testing') visit(path);
        } else if (/\.tsx?$/.test(name) && !/\.test\.ts$/.test(name)) {
          for (const m of readFileSync(path, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)) {
            const spec = m[1]!;
            if (spec.startsWith('node:') || builtins.has(spec)) offenders.push(`${relative(PROJECT_ROOT, path)} → ${spec}`);
          }
        }
      }
    };
    visit(join(PROJECT_ROOT, 'shared'));
    expect(offenders).toEqual([]);
  });
});
