import { describe, expect, it } from 'vitest';
import { mediaRoute, mediaTarget, readableByApp } from './media-proxy';

const base = 'http://127.0.0.1:40123';

describe('mediaTarget', () => {
  it('maps thumbnails and full images to the engine host, keeping only path and size', () => {
    expect(mediaTarget('doppel-media://media/thumb?path=%2Fp%2Fa.jpg&size=256&evil=1', base)).toBe(
      `${base}/thumb?path=%2Fp%2Fa.jpg&size=256`,
    );
    expect(mediaTarget('doppel-media://media/image?path=%2Fp%2Fa%20b.jpg', base)).toBe(
      `${base}/image?path=%2Fp%2Fa+b.jpg`,
    );
  });

  it('refuses other routes, hosts, schemes, missing paths and odd sizes', () => {
    expect(mediaTarget('doppel-media://media/api/trash?path=/a', base)).toBeNull();
    expect(mediaTarget('doppel-media://media/thumb/../api/status?path=/a', base)).toBeNull();
    expect(mediaTarget('doppel-media://other/thumb?path=/a', base)).toBeNull();
    expect(mediaTarget('https://media/thumb?path=/a', base)).toBeNull();
    expect(mediaTarget('doppel-media://media/thumb', base)).toBeNull();
    expect(mediaTarget('doppel-media://media/thumb?path=/a&size=1e9', base)).toBe(`${base}/thumb?path=%2Fa`);
  });

  it('has nothing to proxy to while the engine is down', () => {
    expect(mediaTarget('doppel-media://media/thumb?path=/a', '')).toBeNull();
  });
});

describe('mediaRoute', () => {
  const picked = new Set(['/Users/ann/Desktop/query.jpg']);

  it('shows a photo picked in the native dialog from its own file, and only that one', () => {
    expect(
      mediaRoute(
        'doppel-media://media/thumb?path=%2FUsers%2Fann%2FDesktop%2Fquery.jpg&size=512',
        base,
        picked,
      ),
    ).toEqual({
      kind: 'picked-file',
      path: '/Users/ann/Desktop/query.jpg',
    });
    expect(
      mediaRoute('doppel-media://media/thumb?path=%2FUsers%2Fann%2FDesktop%2Fother.jpg', base, picked),
    ).toEqual({
      kind: 'engine',
      url: `${base}/thumb?path=%2FUsers%2Fann%2FDesktop%2Fother.jpg`,
    });
    expect(
      mediaRoute(
        'doppel-media://media/thumb?path=%2FUsers%2Fann%2FDesktop%2F..%2FDesktop%2Fquery.jpg',
        base,
        picked,
      ),
    ).toMatchObject({
      kind: 'engine',
    });
    expect(
      mediaRoute('doppel-media://elsewhere/thumb?path=%2FUsers%2Fann%2FDesktop%2Fquery.jpg', base, picked),
    ).toBeNull();
  });
});

describe('readableByApp', () => {
  it("lets the app's page, and only it, read the engine's answer, keeping status, type and body", async () => {
    const engineAnswer = new Response('jpeg bytes', {
      status: 200,
      headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=60' },
    });
    const answer = readableByApp(engineAnswer, 'doppel-app://app');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('doppel-app://app');
    expect(answer.headers.get('Vary')).toContain('Origin');
    expect(answer.headers.get('Content-Type')).toBe('image/jpeg');
    expect(answer.headers.get('Cache-Control')).toBe('private, max-age=60');
    expect(await answer.text()).toBe('jpeg bytes');
  });

  it('passes a refusal on as it came, still readable so the page can tell', () => {
    const answer = readableByApp(new Response('Not in the library', { status: 404 }), 'doppel-app://app');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('doppel-app://app');
  });
});
