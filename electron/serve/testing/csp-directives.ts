/**
 * A Content-Security-Policy's directives by name, for tests that check a policy: "base-uri 'none'" as
 * base-uri → ["'none'"]. Names fold to lower case, as browsers read them.
 */
export function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name.toLowerCase(), sources);
  }
  return parsed;
}
