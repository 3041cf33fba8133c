import { describe, expect, it } from 'vitest';
import type { DuplicateGroup, Status } from '../../shared/contract/entities';
import { foreignPath } from '../../shared/machines/machine-paths';
import { formatDuplicateGroups, formatSearchResults, formatStatus } from './cli-format';

const BERT = 'b'.repeat(32);
const bertsPhoto = foreignPath(BERT, '/Users/bert/IMG_1.jpg');

/** An index shared with another computer: its photos and folders are named by their path there and where. */
describe('the CLI on an index shared by several computers', () => {
  it('lists another computer’s photo in a group by its path there, never relative to this folder', () => {
    const group: DuplicateGroup = {
      kind: 'identical',
      keeper: '/Users/anna/IMG_1.jpg',
      items: [
        { path: '/Users/anna/IMG_1.jpg', distance: 0 },
        { path: bertsPhoto, distance: 0 },
      ],
      reclaimableBytes: 10,
      copies: [],
    };
    const text = formatDuplicateGroups([group], 0.2);
    expect(text).toContain('0.0000  /Users/bert/IMG_1.jpg  (on another computer)');
    expect(text).not.toContain('doppel-machine:');
    const named = formatDuplicateGroups([group], 0.2, undefined, [], (path) =>
      path === bertsPhoto ? 'Bert’s PC' : undefined,
    );
    expect(named).toContain('0.0000  /Users/bert/IMG_1.jpg  (on Bert’s PC)');
  });

  it('names the computer of a search result and of a folder', () => {
    const photo = {
      path: bertsPhoto,
      hash: 'h',
      size: 1,
      mtimeMs: 1,
      width: 2,
      height: 3,
      format: 'jpeg',
      takenAt: null,
      machine: 'Bert’s PC',
    };
    expect(formatSearchResults([{ path: bertsPhoto, distance: 0.1, photo }])).toContain(
      '/Users/bert/IMG_1.jpg  (on Bert’s PC)',
    );
    const status: Status = {
      images: 2,
      model: 'm',
      modelOrigin: 'default',
      storage: 'server',
      dataDir: '/data',
      folders: [
        { path: '/Users/anna', images: 1, protected: false },
        { path: foreignPath(BERT, '/Users/bert'), images: 1, protected: false, machine: 'Bert’s PC' },
      ],
      indexing: null,
      lastErrors: [],
    };
    const lines = formatStatus(status).split('\n');
    expect(lines).toContain('         1  /Users/anna');
    expect(lines).toContain('         1  /Users/bert  (on Bert’s PC)');
  });
});
