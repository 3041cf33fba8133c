/**
 * Appended to a query whose filter is `key IN (subquery)` with a subquery as big as the library (every live
 * hash, every live path). ClickHouse would also turn that set into ranges of the filtered table's primary
 * key, and with a million elements that analysis is most of the query: loading the pairs of a 1M library
 * took 18 s with it and 0.85 s without (the set still filters; it only stops pruning granules, which a
 * whole-library set could not prune anyway).
 */
export const WITHOUT_KEY_RANGES_FROM_SUBQUERIES = 'SETTINGS use_index_for_in_with_subqueries = 0';
