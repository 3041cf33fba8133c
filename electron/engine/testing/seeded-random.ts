// The engine's test tools (and electron/engine/model/testing) import it from here; it lives in shared/ so the
// renderer's test pictures use the same generator.
export { seededRandom } from '../../../shared/testing/seeded-random';
