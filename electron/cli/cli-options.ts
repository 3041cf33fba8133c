import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { ModelOrigin, StorageSettings } from '../../shared/contract/entities';
import { KEEPER_CRITERIA, type KeeperCriterion, type KeeperRule } from '../../shared/contract/keeper-rule';
import type { ExportFormat } from '../../shared/duplicates/group-export';
import { DUPLICATE_KINDS, isListedByDefault } from '../../shared/duplicates/policy';
import type { QueryTerm } from '../../shared/contract/methods';
import { defaultDataDir } from '../engine/platform/data-dir';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  model: { type: 'string' },
  'clickhouse-url': { type: 'string' },
  'clickhouse-user': { type: 'string' },
  'clickhouse-password': { type: 'string' },
  'clickhouse-database': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const COMMAND_OPTIONS = {
  limit: { type: 'string' },
  'max-distance': { type: 'string' },
  kind: { type: 'string', multiple: true },
  'same-picture': { type: 'string' },
  text: { type: 'string' },
  plus: { type: 'string', multiple: true },
  minus: { type: 'string', multiple: true },
  port: { type: 'string' },
  host: { type: 'string' },
  format: { type: 'string' },
  'keeper-rule': { type: 'string' },
  'keeper-folder': { type: 'string' },
  to: { type: 'string' },
} as const;

/**
 * What `doppel duplicates` lists without --kind: every kind but plain RAW+JPEG pairs, which are one shot each
 * (a RAW+JPEG shooter has one per photo); `--kind raw+jpeg` lists them.
 */
export const DEFAULT_DUPLICATE_KINDS: readonly string[] = DUPLICATE_KINDS.filter(isListedByDefault);

export interface CliInvocation {
  command: string | undefined;
  positionals: string[];
  json: boolean;
  help: boolean;
  /** --verbose or DOPPEL_VERBOSE=1: the details behind a failure (what ClickHouse said, with its causes). */
  verbose: boolean;
  dataDir: string;
  model: string | undefined;
  /** Where `model` came from: --model or DOPPEL_MODEL (undefined: settings.json decides). */
  modelOrigin: Extract<ModelOrigin, 'command-line' | 'environment'> | undefined;
  storage: StorageSettings | undefined;
  limit: number | undefined;
  maxDistance: number | undefined;
  kinds: string[] | undefined;
  /** duplicates: how strict "same picture" is (checked against SAME_PICTURE_LEVELS). */
  samePicture: string | undefined;
  /** search: words to find, and words to add to or take from the query (rclip style). */
  text: string | undefined;
  plus: QueryTerm[] | undefined;
  minus: QueryTerm[] | undefined;
  port: number | undefined;
  host: string | undefined;
  /** duplicates: write the groups as CSV or JSON (--json is --format json). */
  format: ExportFormat | undefined;
  /** duplicates: suggest keepers by this rule instead of the saved one. */
  keeperRule: KeeperRule | undefined;
  /** move: the folder the photos go to. */
  to: string | undefined;
}

/** Flags win over DOPPEL_* environment variables, which win over settings.json. */
export function parseInvocation(argv: string[], env: NodeJS.ProcessEnv = process.env): CliInvocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const url = values['clickhouse-url'] ?? env.DOPPEL_CLICKHOUSE_URL;
  const storage: StorageSettings | undefined = url
    ? {
        kind: 'server',
        server: {
          url,
          user: values['clickhouse-user'] ?? env.DOPPEL_CLICKHOUSE_USER ?? 'default',
          password: values['clickhouse-password'] ?? env.DOPPEL_CLICKHOUSE_PASSWORD ?? '',
          database: values['clickhouse-database'] ?? env.DOPPEL_CLICKHOUSE_DATABASE ?? 'doppel',
        },
      }
    : undefined;
  return {
    command: positionals[0],
    positionals: positionals.slice(1),
    json: Boolean(values.json),
    help: Boolean(values.help),
    verbose: Boolean(values.verbose) || env.DOPPEL_VERBOSE === '1',
    dataDir: values['data-dir'] ?? defaultDataDir(env),
    model: values.model ?? env.DOPPEL_MODEL,
    modelOrigin: values.model ? 'command-line' : env.DOPPEL_MODEL ? 'environment' : undefined,
    storage,
    limit: optionalNumber(values.limit, '--limit', { integer: true, min: 1 }),
    maxDistance: optionalNumber(values['max-distance'], '--max-distance', { min: 0 }),
    kinds: values.kind ?? (positionals[0] === 'duplicates' ? [...DEFAULT_DUPLICATE_KINDS] : undefined),
    samePicture: values['same-picture'],
    text: values.text,
    plus: values.plus?.map((term) => parseQueryTerm(term, '--plus')),
    minus: values.minus?.map((term) => parseQueryTerm(term, '--minus')),
    port: optionalNumber(values.port, '--port', { integer: true, min: 0 }),
    host: values.host,
    format: parseFormat(values.format, Boolean(values.json)),
    keeperRule: parseKeeperRule(values['keeper-rule'], values['keeper-folder']),
    to: values.to,
  };
}

function parseFormat(format: string | undefined, json: boolean): ExportFormat | undefined {
  if (format === undefined) return json ? 'json' : undefined;
  if (format !== 'csv' && format !== 'json')
    throw new UsageError(`--format takes csv or json, not "${format}"`);
  if (json && format !== 'json')
    throw new UsageError('--json and --format csv ask for two formats: pick one');
  return format;
}

/** Names on the command line for the keeper criteria: the rule's own, and heic / jpeg for the format. */
export const KEEPER_RULE_WORDS: readonly string[] = [
  ...KEEPER_CRITERIA.filter((c) => c !== 'format'),
  'heic',
  'jpeg',
];

/**
 * "raw,pixels,heic,size": the criteria in the order they are asked (a protected folder's photo always comes
 * first, the shortest path last); heic or jpeg asks for that format. `folder` needs --keeper-folder.
 */
export function parseKeeperRule(
  text: string | undefined,
  folder: string | undefined,
): KeeperRule | undefined {
  if (text === undefined) {
    if (folder !== undefined) throw new UsageError('--keeper-folder goes with --keeper-rule …,folder,…');
    return undefined;
  }
  const words = text.split(',').map((word) => word.trim().toLowerCase());
  const order: KeeperCriterion[] = [];
  let preferredFormat: KeeperRule['preferredFormat'] = 'heic';
  for (const word of words) {
    if (!KEEPER_RULE_WORDS.includes(word))
      throw new UsageError(
        `--keeper-rule takes ${KEEPER_RULE_WORDS.join(', ')} separated by commas, not "${word}"`,
      );
    const criterion = (word === 'heic' || word === 'jpeg' ? 'format' : word) as KeeperCriterion;
    if (order.includes(criterion)) throw new UsageError(`--keeper-rule names ${word} twice`);
    if (criterion === 'format') preferredFormat = word as KeeperRule['preferredFormat'];
    order.push(criterion);
  }
  if (order.includes('folder') !== (folder !== undefined))
    throw new UsageError('--keeper-rule folder and --keeper-folder DIR go together');
  return { order, preferredFormat, preferredFolder: folder === undefined ? null : resolve(folder) };
}

/** "at night" or "at night:0.5": words with an optional weight (1 counts like the photo). */
export function parseQueryTerm(term: string, flag: string): QueryTerm {
  const weighted = /^(.*\S)\s*:\s*(\d+(?:\.\d+)?)$/.exec(term);
  const text = (weighted ? weighted[1]! : term).trim();
  const weight = weighted ? Number(weighted[2]) : 1;
  if (!text) throw new UsageError(`${flag} needs some words, like ${flag} "at night"`);
  if (!(weight > 0 && weight <= 10))
    throw new UsageError(`${flag} weight must be above 0 and at most 10, not ${weighted![2]}`);
  return { text, weight };
}

function optionalNumber(
  text: string | undefined,
  flag: string,
  rule: { integer?: boolean; min: number },
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
    throw new UsageError(
      `${flag} takes a ${rule.integer ? 'whole ' : ''}number of at least ${rule.min}, not "${text}"`,
    );
  }
  return value;
}

export const USAGE = `Usage: doppel <command> [options]

Commands:
  index <folder>...        add folders to the library and index their photos
  search <image>           photos that look like <image> (it need not be in the library)
  search --text "words"    photos that match the words ("a dog on a beach")
  duplicates               near-duplicate groups (identical, same picture, similar; RAW+JPEG pairs
                           of one shot only with --kind raw+jpeg)
  status                   what the library holds (each folder, and which are protected)
  protect <folder>...      protect library folders: their photos are never trashed and always kept
  unprotect <folder>...    lift the protection
  move --to DIR <photo>... move library photos out of the library into DIR (an archive drive), with
                           the trash's checks; a name taken in DIR gets a suffix, nothing is replaced
  serve                    the Doppel UI in a browser (127.0.0.1 unless --host)

Options:
  --help, -h               this text
  --json                   machine-readable output
  --verbose                the details behind a failure, on stderr (env DOPPEL_VERBOSE=1)
  --limit N                search: how many results (default 20)
  --max-distance D         search/duplicates: L2 distance between unit embeddings
  --kind K                 duplicates: only identical, raw+jpeg, same-picture or similar (repeatable;
                           default: all but raw+jpeg)
  --format csv|json        duplicates: every photo of each group with size, pixels, dates, folder,
                           distance and the space to reclaim (--json is --format json)
  --keeper-rule R,R,...    duplicates: how to pick each keeper, in order, from raw, pixels, size, date
                           (oldest capture), metadata (has a capture date), original (not named like a
                           copy or edit), heic or jpeg (that format), folder (with --keeper-folder DIR);
                           default: the rule saved in Settings (raw,pixels,size,date,...)
  --same-picture LEVEL     duplicates: how strict "same picture" is: strict (re-saves, resizes,
                           recompression), normal (default: also light edits and crops, greyscale,
                           mirrored, letterboxed into a screenshot) or loose (also heavier edits)
  --text "words"           search: find photos by words
  --plus "words[:W]"       search: pull results toward these words (repeatable; weight W, default 1)
  --minus "words[:W]"      search: push results away from these words (repeatable)
  --data-dir DIR           library and models folder (env DOPPEL_DATA_DIR)
  --model DIR|HUB_ID|none  CLIP model folder or hub id (env DOPPEL_MODEL); none: perceptual only
  --clickhouse-url URL     use a ClickHouse server (env DOPPEL_CLICKHOUSE_URL)
  --clickhouse-user U, --clickhouse-password P, --clickhouse-database D
  --port N, --host H       serve: where to listen
  --to DIR                 move: the folder outside the library the photos go to

Environment:
  DOPPEL_DATA_DIR, DOPPEL_MODEL, DOPPEL_CLICKHOUSE_URL, _USER, _PASSWORD, _DATABASE   as the options above
  DOPPEL_VERBOSE=1         as --verbose
  DOPPEL_MODEL_HOST        where models download from (default https://huggingface.co/)
  DOPPEL_TRASH_DIR         serve: move trashed photos into this folder instead of the system Trash
  DOPPEL_WATCH=0           serve: do not watch library folders for changes
  DOPPEL_SERVE_TOKEN       serve: a fixed login token instead of a new random one (tests, automation)
`;
