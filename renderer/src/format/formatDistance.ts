/** Embedding distances are shown with two decimals everywhere, so the slider and the cards agree. */
export function formatDistance(distance: number): string {
  return distance.toFixed(2);
}

/** The slider moves in steps of 0.005, so its own readout needs one more decimal to show each step. */
export function formatThreshold(threshold: number): string {
  return threshold.toFixed(3);
}
