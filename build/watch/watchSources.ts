/**
 * File events under a content root's source folders (documents/, clauses/ and each clauses/<DOC>/, definitions/),
 * as paths relative to the root. `check --watch` and the language server both re-check from them.
 */
import { existsSync, readdirSync, statSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { discoverSources } from '../parse/discover.js';

export const WATCHED_FOLDERS = ['documents', 'clauses', 'definitions'] as const;

/** Calls `onPath` for every path that may have changed; the returned function stops watching. */
export function watchSources(root: string, onPath: (path: string) => void): () => void {
  const watchers = new Map<string, FSWatcher>();
  let stopped = false;
  // Each folder is watched on its own, not with `recursive`: on Linux, Node's recursive watch follows files,
  // and loses a file that an editor saves by writing a new file and renaming it over the old one.
  const watchFolder = (folder: string) => {
    if (watchers.has(folder) || stopped) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
      const w = watch(join(root, folder), (_event, filename) => {
        if (!filename) return;
        const path = `${folder}/${String(filename)}`;
        // A new sub-folder (clauses/<DOC>/) is watched from now on, and its files checked.
        let folderNow = false;
        try {
          folderNow = folder === 'clauses' && statSync(join(root, path)).isDirectory();
          if (folderNow) {
            watchFolder(path);
            for (const f of readdirSync(join(root, path))) onPath(`${path}/${f}`);
          }
        } catch {
          // Gone again before it could be read (a checkout in progress): the re-check of the path decides.
        }
        if (!folderNow) onPath(path);
      });
      w.on('error', () => {
        w.close();
        watchers.delete(folder);
      });
      watchers.set(folder, w);
    } catch {
      return; // A folder that does not exist (yet) is picked up when it appears.
    }
    if (folder === 'clauses') for (const e of entries) if (e.isDirectory()) watchFolder(`clauses/${e.name}`);
  };
  for (const folder of WATCHED_FOLDERS) watchFolder(folder);
  // A top-level folder created later (the first definitions file of a new root) is watched from then on.
  const rootWatcher = watch(root, (_event, filename) => {
    const name = filename ? String(filename) : '';
    if ((WATCHED_FOLDERS as readonly string[]).includes(name) && !watchers.has(name) && existsSync(join(root, name))) {
      watchFolder(name);
      void discoverSources(root).then((refs) => {
        for (const ref of refs) if (ref.path.startsWith(name + '/') && !stopped) onPath(ref.path);
      });
    }
  });
  rootWatcher.on('error', () => rootWatcher.close());
  return () => {
    stopped = true;
    rootWatcher.close();
    for (const w of watchers.values()) w.close();
  };
}
