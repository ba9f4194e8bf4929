/** A DOCX as pandoc reads it, for comparing documents line by line. */
import { execFileSync } from 'node:child_process';

/**
 * pandoc's plain text of a DOCX (with tracked changes accepted or rejected, if asked), white space collapsed and
 * table rules dropped: pandoc ignores row-level tracking, so a rejected inserted table leaves its rules behind
 * where Word removes the rows.
 */
export function plainLines(path: string, trackChanges?: 'accept' | 'reject'): string[] {
  return execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', ...(trackChanges ? [`--track-changes=${trackChanges}`] : []), path], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l && !/^[-\s]+$/.test(l));
}
