import { hostname } from 'node:os';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * The Host names this server answers to. A page on another domain that resolves to this machine (DNS
 * rebinding) sends its own domain as Host, so everything but our own names is refused. Bound to loopback:
 * the loopback names only. Opened to a LAN: also IP literals (they cannot be rebound) and this machine's
 * own name, as typed (`nas`) or through mDNS (`nas.local`).
 */
export function allowedHostNames(boundHost: string, machineName = hostname()): (name: string) => boolean {
  const names = new Set([...LOOPBACK_NAMES, normaliseName(boundHost)]);
  if (isLoopback(boundHost)) return (name) => names.has(name);
  const machine = normaliseName(machineName);
  const shortName = machine.split('.')[0]!;
  for (const name of [machine, shortName, `${shortName}.local`]) if (name) names.add(name);
  return (name) => names.has(name) || isIP(name) !== 0;
}

/** True when the request's Host header names this server (and its port). */
export function hostIsAllowed(
  header: string | undefined,
  port: number,
  allowsName: (name: string) => boolean,
): boolean {
  const host = splitHostHeader(header ?? '');
  if (!host) return false;
  const portMatches = host.port === null ? port === 80 : Number(host.port) === port;
  return portMatches && allowsName(host.name);
}

/**
 * Why a state-changing request (a method call, an upload) looks like it came from another site, or null.
 * Browsers send `Sec-Fetch-Site` and `Origin` with such requests; tools like curl send neither, and a page's
 * own requests say `same-origin`. `same-site` is refused too: another port on localhost is the same site.
 */
export function crossSiteProblem(request: IncomingMessage): string | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return `Requests from other sites are refused (Sec-Fetch-Site: ${site}).`;
  const origin = request.headers.origin;
  if (origin !== undefined && !originMatchesHost(origin, request.headers.host ?? ''))
    return `Requests from other sites are refused (Origin: ${origin}).`;
  return null;
}

function originMatchesHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    return from.protocol === 'http:' && from.origin === new URL(`http://${host}`).origin;
  } catch {
    return false; // "null" (a sandboxed frame, a file: page) or garbage
  }
}

function splitHostHeader(header: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return null;
  return { name: normaliseName(match[1]!), port: match[2] ?? null };
}

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function isLoopback(host: string): boolean {
  const name = normaliseName(host);
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(name);
}
