// Tests import the generator from here, beside their other tools; it lives in shared/random because the
// engine's cell training uses it too (reproducible k-means), and engine code never imports testing/ folders.
export { seededRandom } from '../random/seeded-random';
