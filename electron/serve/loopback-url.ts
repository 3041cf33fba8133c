/**
 * The loopback URL that reaches a server bound at `address` (what `server.address()` reports), or null when
 * it listens on one other address only (a LAN IP): another Doppel process on this machine is handed a URL
 * it may send a credential to, and loopback is the only such place.
 */
export function loopbackUrlOf(address: string, port: number): string | null {
  const ipv4 = address.replace(/^::ffff:/, '');
  if (ipv4 === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4)) return `http://${ipv4}:${port}`;
  if (address === '::' || address === '::1') return `http://[::1]:${port}`;
  return null;
}
