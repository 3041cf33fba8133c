import type { PhotoInfo } from '../../../shared/contract/entities';
import { RAW_EXTENSIONS, twinKey } from '../../../shared/duplicates/raw-jpeg-twins';
import { machineScope, type Database } from './database';
import { PHOTO_INFO_COLUMNS, toPhotoInfo, type PhotoInfoRow } from './photo-rows';

const RAW_PATTERN = `[.](${RAW_EXTENSIONS.map((extension) => extension.slice(1)).join('|')})$`;
const TWIN_PATTERN = `[.](${RAW_EXTENSIONS.map((extension) => extension.slice(1)).join('|')}|jpg|jpeg|jpe)$`;
/** Folder + name without the extension, case-folded (as shared/duplicates/raw-jpeg-twins twinKey). */
const TWIN_KEY = `lower(replaceRegexpOne(path, '[.][^./]*$', ''))`;

/**
 * The photos the duplicate graph is built from (its pairs come from PairStore): only photos that can be
 * in a group are read, never the whole library.
 */
export class DuplicateGraphStore {
  constructor(private readonly db: Database) {}

  /**
   * Photos with any partner, by path: a side of an embedding pair of `model` or of a same-picture pair, or
   * a byte-identical copy (another path with the same content hash).
   */
  photosWithPartners(model: string): Promise<PhotoInfo[]> {
    const db = this.db.name;
    return this.photos(
      `SELECT ${PHOTO_INFO_COLUMNS} FROM ${db}.photos FINAL
       WHERE hash IN (SELECT a FROM ${db}.pairs WHERE model = {model:String}
                      UNION ALL SELECT b FROM ${db}.pairs WHERE model = {model:String}
                      UNION ALL SELECT a FROM ${db}.pixel_pairs UNION ALL SELECT b FROM ${db}.pixel_pairs)
          OR hash IN (SELECT hash FROM ${db}.photos FINAL GROUP BY hash HAVING count() > 1)
       ORDER BY path`,
      { model },
    );
  }

  /**
   * Candidates for RAW+JPEG twins: every RAW and JPEG whose folder and name (without the extension,
   * case-folded) are those of a RAW. Which of them are twins is decided from the paths by
   * shared/duplicates/raw-jpeg-twins; this only keeps the read to RAWs and the JPEGs named like them.
   */
  rawJpegTwinCandidates(): Promise<PhotoInfo[]> {
    const db = this.db.name;
    return this.photos(
      `SELECT ${PHOTO_INFO_COLUMNS} FROM ${db}.photos FINAL
       WHERE match(lower(path), {twin:String})
         AND ${TWIN_KEY} IN (SELECT ${TWIN_KEY} FROM ${db}.photos FINAL WHERE match(lower(path), {raw:String}))`,
      { raw: RAW_PATTERN, twin: TWIN_PATTERN },
    );
  }

  /**
   * Live library paths that can be RAW+JPEG twins of `paths` (same folder and name, case-folded, a RAW or
   * JPEG extension): what the trash guard counts as another copy of the shot. The paths themselves are
   * among them when they are in the library.
   */
  async twinCandidatesOf(paths: string[]): Promise<string[]> {
    const scope = machineScope(this.db);
    const keys = [...new Set(paths.map((path) => twinKey(scope.toKey(path))))];
    if (keys.length === 0) return [];
    const result = await this.db.client.query({
      query: `SELECT path FROM ${this.db.name}.photos FINAL
              WHERE ${TWIN_KEY} IN {keys:Array(String)} AND match(lower(path), {twin:String})`,
      query_params: { keys, twin: TWIN_PATTERN },
      format: 'JSONEachRow',
    });
    return ((await result.json()) as { path: string }[]).map((row) => scope.toPath(row.path));
  }

  private async photos(query: string, query_params: Record<string, unknown>): Promise<PhotoInfo[]> {
    const result = await this.db.client.query({ query, query_params, format: 'JSONEachRow' });
    // Every computer's photos (an index shared on a server), another computer's named with its owner.
    return machineScope(this.db).photoInfos(((await result.json()) as PhotoInfoRow[]).map(toPhotoInfo));
  }
}
