import { describe, expect, it } from 'vitest';
import { CSP } from './http-host';
import { directives } from './testing/csp-directives';

describe("serve's content security policy", () => {
  it('lets no injected <base> or <form> send the page or its data elsewhere', () => {
    // Neither falls back to default-src: without them a <base href> re-points relative URLs and a form
    // posts anywhere. The UI's forms are handled in script, so they need no target at all.
    expect(directives(CSP).get('base-uri')).toEqual(["'none'"]);
    expect(directives(CSP).get('form-action')).toEqual(["'none'"]);
  });

  it('keeps scripts, plugins and framing locked down', () => {
    const policy = directives(CSP);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-eval/);
  });
});
