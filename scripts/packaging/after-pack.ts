import { readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { archName, shouldPrune, targetOs } from './native-files';

/** What electron-builder passes to an afterPack hook (the fields we use). */
interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string } };
}

/**
 * electron-builder afterPack hook (package.json build.afterPack): every native package is unpacked from the
 * asar (asarUnpack), so other platforms' binaries sit in app.asar.unpacked and are deleted here before the
 * installer is made. onnxruntime-node alone ships about 290 MB for six platforms.
 */
async function afterPack(context: AfterPackContext): Promise<void> {
  const os = targetOs(context.electronPlatformName);
  const arch = archName(context.arch);
  const resources =
    os === 'darwin'
      ? join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
      : join(context.appOutDir, 'resources');
  const unpacked = join(resources, 'app.asar.unpacked');
  let removed = 0;
  for (const file of await walk(unpacked)) {
    const path = relative(unpacked, file).split(sep).join('/');
    if (shouldPrune(path, os, arch)) {
      await rm(file, { force: true });
      removed++;
    }
  }
  console.log(`  • doppel: pruned ${removed} native files built for other platforms than ${os}-${arch}`);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  return files;
}

// electron-builder loads a hook file with require() and calls the module itself (or its default export).
export = afterPack;
