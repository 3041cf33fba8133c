import { describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { ModelAvailability, similarStageReason } from './model-availability';

describe('the similar stage in words', () => {
  it('says how far a download has come, in the size the hub gave', () => {
    const availability = new ModelAvailability();
    availability.downloading({
      file: 'onnx/vision_model.onnx',
      loadedBytes: 143_910_000,
      totalBytes: 351_000_000,
      bytesPerSecond: 1,
      etaSeconds: null,
    });
    expect(similarStageReason(availability.state, availability.sizeBytes)).toBe(
      'Finding similar shots needs the image model (351 MB): downloading 41%',
    );
  });

  it('waits longer after each failure to reach the hub, keeps the size it learnt, and starts over once it loads', () => {
    const availability = new ModelAvailability([10, 20, 40]);
    availability.downloading({
      file: 'f',
      loadedBytes: 1,
      totalBytes: 88_000_000,
      bytesPerSecond: 0,
      etaSeconds: null,
    });
    const offline = new UserError('model-offline', 'Cannot download the model');
    expect([1, 2, 3, 4].map(() => availability.failed(offline, true, 1000))).toEqual([10, 20, 40, 40]);
    expect(availability.state).toMatchObject({ kind: 'unreachable', retryAt: 1040 });
    expect(similarStageReason(availability.state, availability.sizeBytes, 1000)).toBe(
      'Finding similar shots needs the image model (88 MB): offline, will retry now',
    );
    availability.ready();
    expect(availability.failed(offline, true, 0)).toBe(10);
  });

  it('does not retry what only the user can fix, and says so', () => {
    const availability = new ModelAvailability();
    const notAModel = new Error('/x is not a model folder: it needs config.json');
    expect(availability.failed(notAModel, false)).toBeNull();
    expect(availability.state.kind).toBe('failed');
    expect(similarStageReason(availability.state, null)).toMatch(/cannot be used: \/x is not a model folder/);
  });

  it('says the stage is off without a model, and has nothing to say once the model is there', () => {
    expect(similarStageReason({ kind: 'none' }, null)).toMatch(/^Finding similar shots is off/);
    expect(similarStageReason({ kind: 'ready' }, 5)).toBeNull();
  });
});
