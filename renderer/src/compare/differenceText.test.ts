import { describe, expect, it } from 'vitest';
import { alignmentText, differingText } from './differenceText';
import { asIs } from './imageAlignment';

describe('alignmentText', () => {
  it('says "as is" for no crop, and rounds away a crop below half a percent', () => {
    expect(alignmentText(asIs)).toBe('aligned as is');
    expect(alignmentText({ scaleX: 0.997, scaleY: 1, offsetX: 0.001, offsetY: 0 })).toBe('aligned as is');
  });

  it('says so when the shapes differ and the photos were stretched to each other', () => {
    expect(alignmentText(asIs, true)).toBe('not aligned: the shapes differ, compared stretched');
  });

  it('names the sides this photo lost', () => {
    expect(alignmentText({ scaleX: 0.88, scaleY: 0.88, offsetX: 0.08, offsetY: 0.05 })).toBe(
      'aligned: cropped 8% left, 4% right, 5% top, 7% bottom',
    );
  });

  it('names the sides the reference lost when it is the crop', () => {
    expect(alignmentText({ scaleX: 1 / 0.92, scaleY: 1, offsetX: -0.08 / 0.92, offsetY: 0 })).toBe(
      'aligned: the reference is cropped 8% left',
    );
  });
});

describe('differingText', () => {
  it('reads as a share of the pixels', () => {
    expect(differingText(0)).toBe('No pixels differ');
    expect(differingText(0.0004)).toBe('< 0.1% of pixels differ');
    expect(differingText(0.0321)).toBe('3.2% of pixels differ');
    expect(differingText(0.456)).toBe('46% of pixels differ');
  });
});
