import { describe, expect, it } from 'vitest';
import type { ModelDownloadProgress } from '../../../../shared/contract/entities';
import { DownloadMeter } from './download-meter';

describe('DownloadMeter', () => {
  it('reports speed over recent seconds and the time left, not counting resumed bytes as speed', () => {
    let now = 0;
    const events: ModelDownloadProgress[] = [];
    const meter = new DownloadMeter(
      10_000_000,
      (event) => events.push(event),
      () => now,
    );
    meter.skip(4_000_000, 'model.onnx'); // left by an interrupted run
    expect(events.at(-1)).toMatchObject({ loadedBytes: 4_000_000, bytesPerSecond: 0, etaSeconds: null });
    for (let i = 0; i < 25; i++) {
      now += 100;
      meter.add(100_000, 'model.onnx');
    }
    const last = events.at(-1)!;
    expect(last.loadedBytes).toBeLessThanOrEqual(6_500_000);
    expect(last.bytesPerSecond).toBeCloseTo(1_000_000, -4);
    expect(last.etaSeconds).toBeCloseTo((10_000_000 - last.loadedBytes) / last.bytesPerSecond, 5);
    // Throttled: not one event per chunk.
    expect(events.length).toBeLessThan(20);
  });

  it('ends at the total with no time left', () => {
    const events: ModelDownloadProgress[] = [];
    const meter = new DownloadMeter(100, (event) => events.push(event));
    meter.add(100, 'a');
    meter.finish('a');
    expect(events.at(-1)).toMatchObject({ loadedBytes: 100, totalBytes: 100, etaSeconds: 0 });
  });
});
