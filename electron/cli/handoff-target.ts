import type { LockOwner } from '../engine/platform/data-dir-lock';

/** Where and how to hand a command to the Doppel process that holds the data folder. */
export interface HandoffTarget {
  /** An IPv4 or IPv6 loopback literal (no brackets), which node:http connects to without a DNS lookup. */
  hostname: string;
  port: number;
  token: string;
  role: string;
  pid: number;
}

/**
 * The holder's hand-off endpoint, if it is one the credential may be sent to: plain http to a loopback IP
 * literal, nothing else in the URL. The owner file is only a description (stale, hand-edited, planted), so
 * a name (`localhost`, this machine's name: DNS or /etc/hosts decide where those go), the wildcard 0.0.0.0,
 * a LAN address, a user:password@ or a path all mean no hand-off: the command is refused as before.
 */
export function handoffTargetOf(owner: LockOwner | null): HandoffTarget | null {
  if (!owner?.handoff) return null;
  let url: URL;
  try {
    url = new URL(owner.handoff.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || url.username || url.password) return null;
  if (url.pathname !== '/' || url.search || url.hash) return null;
  const hostname = loopbackLiteral(url.hostname);
  if (hostname === null) return null;
  return {
    hostname,
    port: url.port ? Number(url.port) : 80,
    token: owner.handoff.token,
    role: owner.role,
    pid: owner.pid,
  };
}

/** `url.hostname` as the URL parser normalised it (127.1 is 127.0.0.1 by then), if it is loopback. */
function loopbackLiteral(hostname: string): string | null {
  if (hostname === '[::1]') return '::1';
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  if (octets && octets.slice(1).every((octet) => Number(octet) <= 255)) return hostname;
  return null;
}
