import { z } from 'zod';

/**
 * The criteria the user orders to pick a group's suggested keeper (see shared/duplicates/keeper-rules.ts for
 * what each prefers). A photo in a protected folder always comes before them all, and the shortest path
 * after them all, so the choice is stable between runs.
 */
export const KEEPER_CRITERIA = [
  'raw',
  'pixels',
  'size',
  'date',
  'metadata',
  'original',
  'format',
  'folder',
] as const;
export const KeeperCriterionSchema = z.enum(KEEPER_CRITERIA);
export type KeeperCriterion = z.infer<typeof KeeperCriterionSchema>;

/** The order Doppel used before the user could choose one: RAW, pixels, file size, capture date. */
export const DEFAULT_KEEPER_ORDER: readonly KeeperCriterion[] = [...KEEPER_CRITERIA];

export const KeeperRuleSchema = z.object({
  /** The criteria in the order they are asked, each at most once; one not listed is not asked. */
  order: z
    .array(KeeperCriterionSchema)
    .max(KEEPER_CRITERIA.length)
    .refine((order) => new Set(order).size === order.length, { message: 'names a criterion twice' }),
  /** `format`: which of HEIC and JPEG to keep when a picture exists in both. */
  preferredFormat: z.enum(['heic', 'jpeg']).default('heic'),
  /** `folder`: keep the copy under this folder (a library folder); null: the criterion decides nothing. */
  preferredFolder: z.string().min(1).max(32_767).nullable().default(null),
});
export type KeeperRule = z.infer<typeof KeeperRuleSchema>;

export const DEFAULT_KEEPER_RULE: KeeperRule = {
  order: [...DEFAULT_KEEPER_ORDER],
  preferredFormat: 'heic',
  preferredFolder: null,
};
