import { cachedPerDatabase, type CellGeneration, type CellStore } from '../store/cell-store';
import type { CellGeometry } from './cell-geometry';
import { geometryOf } from './cell-upkeep';
import { ProductKernel } from './product-kernel';

/**
 * How many cells a query by photo reads: the nearest by the exact bound, up to a cap. Measured at 100k on
 * the bench's vectors: at most 32 find every look-alike within 0.4 (26 of 26 in 20 queries), as 96 did;
 * what more cells buy is only the far tail of a top 50 (unrelated photos, all about equally far), at several
 * times the rows read.
 */
export interface CellSearchOptions {
  /** Most cells one query reads; past it the result is approximate (see the recall measured). */
  maxProbes?: number;
}

export const DEFAULT_CELL_SEARCH: Required<CellSearchOptions> = { maxProbes: 32 };

/** What the search needs from the photo store: live paths of hashes, and the photos not in a cell yet. */
export interface CellSearchRows<Row> {
  /**
   * The live rows (one per path) of the model holding these hashes, and the nearest `count` live rows
   * written after `version`, which the generation may not hold yet (asked together: one round trip).
   */
  liveAndRecent(
    hashes: string[],
    version: string,
    count: number,
  ): Promise<{
    live: (Row & { path: string; hash: string })[];
    recent: { path: string; distance: number; row: Row }[];
  }>;
}

type Found<Row> = { path: string; distance: number; row: Row }[];

/**
 * Query by photo through a model's cells, or null when it has none (or cannot answer: the caller scans).
 * The query's cells are ranked by the exact bound (cell-geometry.ts), and every cell whose bound is within
 * `maxDistance`, up to `maxProbes`, is read by key in one query, so with that cap unreached the answer is
 * exact. (Reading the nearest 8 first, then the further cells the 8's k-th distance left, took 40-70 ms
 * and then 80-120 ms at 1M; one query of all 32 takes 58-64 ms: on CLIP-like vectors the k-th distance
 * rules out almost no cell, and ClickHouse reads one query's cells on every core.) Hashes become live
 * paths through the store, and photos written after the generation's mark are searched directly. Two
 * round trips: the generation is remembered, and the cells query also says whether it still stands.
 */
export class CellSearch {
  constructor(
    private readonly cells: CellStore,
    private readonly options: CellSearchOptions = {},
  ) {}

  async nearest<Row>(
    model: string,
    vector: Float32Array,
    limit: number,
    maxDistance: number | undefined,
    rows: CellSearchRows<Row>,
  ): Promise<Found<Row> | null> {
    // A remembered generation another computer has since replaced is found gone: look it up once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      const generation = await this.cells.rememberedCurrent(model);
      if (!generation) return null;
      const answer = await this.inGeneration(generation, vector, limit, maxDistance, rows);
      if (answer !== 'gone') return answer;
      this.cells.forgetCurrent(model);
    }
    return null;
  }

  private async inGeneration<Row>(
    generation: CellGeneration,
    vector: Float32Array,
    limit: number,
    maxDistance: number | undefined,
    rows: CellSearchRows<Row>,
  ): Promise<Found<Row> | null | 'gone'> {
    const geometry = await this.geometry(generation);
    if (geometry.dims !== vector.length) return null;
    const { maxProbes } = { ...DEFAULT_CELL_SEARCH, ...this.options };
    const cut = maxDistance ?? Infinity;
    const sqlCut = Number.isFinite(cut) ? cut : 1e9;
    const margin = limit + 32;
    const probed = geometry
      .boundsFor(vector)
      .filter((c) => c.bound <= cut)
      .slice(0, maxProbes)
      .map((c) => c.cell);
    const found = await this.cells.nearestInCells(generation, probed, vector, sqlCut, margin);
    if (!found) return 'gone';
    // Nothing at all in the nearest cells, with no distance to cut at: the cells are being dropped (a
    // retraining elsewhere, between its two steps), so the caller's scan answers.
    if (found.length === 0 && !Number.isFinite(cut)) return null;
    const distanceOf = new Map(found.map((f) => [f.hash, f.distance]));
    const byPath = new Map<string, { path: string; distance: number; row: Row }>();
    const { live, recent } = await rows.liveAndRecent(
      [...distanceOf.keys()],
      generation.assignedVersion,
      margin,
    );
    for (const row of live) {
      const distance = distanceOf.get(row.hash);
      if (distance !== undefined) byPath.set(row.path, { path: row.path, distance, row });
    }
    for (const photo of recent) {
      const known = byPath.get(photo.path);
      if (!known || photo.distance < known.distance) byPath.set(photo.path, photo);
    }
    const results = [...byPath.values()]
      .filter((r) => r.distance <= cut)
      .sort((x, y) => x.distance - y.distance || (x.path < y.path ? -1 : 1));
    // Stale hashes (photos removed since) crowded the best out: the caller's scan answers instead.
    if (results.length < limit && found.length >= margin) return null;
    return results.slice(0, limit);
  }

  private geometry(generation: CellGeneration): Promise<CellGeometry> {
    return cachedPerDatabase(
      this.cells.cacheScope,
      `geometry\n${generation.model}\n${generation.generation}`,
      async () => {
        const kernel = await ProductKernel.create(1);
        try {
          return await geometryOf(this.cells, generation, kernel);
        } finally {
          await kernel.dispose();
        }
      },
    );
  }
}
