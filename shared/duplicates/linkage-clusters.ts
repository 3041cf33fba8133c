import { linkBetween, type PreparedGraph } from './prepared-graph';

/**
 * The clusters of complete linkage while links are replayed in rank order, as linked lists in typed arrays:
 * a merge is O(smaller side) and allocates nothing. A cluster's id is the photo that founded it; a photo no
 * replayed link has touched yet is in no cluster (-1).
 *
 * Shared by the one-threshold pass (complete-linkage.ts) and the threshold plan (threshold-plan.ts), so both
 * take exactly the same merge decisions.
 */
export class LinkageClusters {
  readonly clusterOf: Int32Array;
  readonly nextMember: Int32Array;
  readonly firstMember: Int32Array;
  readonly lastMember: Int32Array;
  readonly clusterSize: Int32Array;
  /**
   * The smallest gate that, once allowed, would have let a refused merge through (Infinity when none would):
   * the plan's cue that a higher threshold must replay the links from the start, not just add the new ones.
   */
  smallestRefusingGate = Infinity;
  /** Link lookups and merge attempts so far: what a replay cost, so the plan can give up on a huge cluster. */
  work = 0;

  /**
   * @param tracksRefusals whether to keep smallestRefusingGate: a refused merge then looks at every cross pair
   * instead of stopping at the first one too far, which only the plan needs.
   */
  constructor(
    private readonly prepared: PreparedGraph,
    private readonly tracksRefusals = false,
  ) {
    const count = prepared.photos.length;
    this.clusterOf = new Int32Array(count).fill(-1);
    this.nextMember = new Int32Array(count).fill(-1);
    this.firstMember = new Int32Array(count);
    this.lastMember = new Int32Array(count);
    this.clusterSize = new Int32Array(count);
  }

  /** Takes these photos out of every cluster, as before any link was replayed. */
  release(photos: Int32Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const photo = photos[i]!;
      this.clusterOf[photo] = -1;
      this.nextMember[photo] = -1;
      this.clusterSize[photo] = 0;
    }
    this.smallestRefusingGate = Infinity;
  }

  /**
   * Replays one link at `gateLimit`, the farthest gate a link may have to count (-Infinity while copy sets
   * form, so a similar pair never joins two copy sets; then the threshold): the clusters of its two photos
   * merge only if every photo of one is linked to every photo of the other within that gate. True when
   * they merged.
   */
  merge(index: number, gateLimit: number): boolean {
    const { prepared, clusterOf, nextMember, firstMember, lastMember, clusterSize } = this;
    const left = this.clusterOfPhoto(prepared.linkFrom[index]!);
    const right = this.clusterOfPhoto(prepared.linkTo[index]!);
    this.work++;
    if (left === right) return false;
    // Two lone photos joined by the link that decides their pair need no lookup: it holds at gateLimit.
    const lonePair = clusterSize[left] === 1 && clusterSize[right] === 1 && prepared.linkDecides[index] === 1;
    if (!lonePair && !this.allLinked(left, right, gateLimit)) return false;
    const merged = clusterSize[left]! >= clusterSize[right]! ? left : right;
    const absorbed = merged === left ? right : left;
    for (let member = firstMember[absorbed]!; member >= 0; member = nextMember[member]!)
      clusterOf[member] = merged;
    nextMember[lastMember[merged]!] = firstMember[absorbed]!;
    lastMember[merged] = lastMember[absorbed]!;
    clusterSize[merged]! += clusterSize[absorbed]!;
    clusterSize[absorbed] = 0;
    return true;
  }

  /** The members of a cluster, in list order. */
  membersOf(cluster: number, into: number[]): number[] {
    into.length = 0;
    for (let member = this.firstMember[cluster]!; member >= 0; member = this.nextMember[member]!)
      into.push(member);
    return into;
  }

  private clusterOfPhoto(photo: number): number {
    if (this.clusterOf[photo]! >= 0) return this.clusterOf[photo]!;
    this.clusterOf[photo] = photo;
    this.firstMember[photo] = this.lastMember[photo] = photo;
    this.nextMember[photo] = -1;
    this.clusterSize[photo] = 1;
    return photo;
  }

  /**
   * Whether every cross pair is linked within gateLimit. A refusal by gates alone (every pair linked, some
   * too far) lowers smallestRefusingGate to the farthest of them; a missing pair refuses at any threshold.
   */
  private allLinked(left: number, right: number, gateLimit: number): boolean {
    const { prepared, firstMember, nextMember } = this;
    const gates = prepared.linkGate;
    let farthest = -Infinity;
    for (let a = firstMember[left]!; a >= 0; a = nextMember[a]!)
      for (let b = firstMember[right]!; b >= 0; b = nextMember[b]!) {
        this.work++;
        const index = linkBetween(prepared, a, b);
        if (index < 0) return false;
        if (gates[index]! > gateLimit && !this.tracksRefusals) return false;
        if (gates[index]! > farthest) farthest = gates[index]!;
      }
    if (!this.tracksRefusals || farthest <= gateLimit) return true;
    if (farthest < this.smallestRefusingGate) this.smallestRefusingGate = farthest;
    return false;
  }
}
