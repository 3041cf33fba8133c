import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages: the CPU is shared, so numbers under load run slower. */
  load: number[];
  uptime: string;
  commit: string;
  date: string;
}

export function describeMachine(): MachineInfo {
  let flags = '';
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    flags = /avx512f/.test(cpuinfo) ? ' (AVX-512)' : /avx2/.test(cpuinfo) ? ' (AVX2)' : '';
  } catch {
    // not Linux: the model name from os.cpus() is enough
  }
  const run = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpu: `${os.cpus()[0]?.model ?? 'unknown'}${flags}`,
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    load: os.loadavg().map((value) => Math.round(value * 100) / 100),
    uptime: run('uptime', []),
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    date: new Date().toISOString(),
  };
}
