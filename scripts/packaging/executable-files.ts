/**
 * Programs a package starts as a child process (the `trash` package's macos-trash and windows-trash.exe)
 * must sit outside app.asar: the OS cannot execute a file inside an archive. Told apart from libraries by
 * their headers, not their names: Mach-O file type, PE's DLL flag, ELF's type and interpreter.
 */
export type ExecutableKind = 'program' | 'library';

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const MH_EXECUTE = 2;
const IMAGE_FILE_DLL = 0x2000;
const ET_EXEC = 2;
const ET_DYN = 3;
const PT_INTERP = 3;
/** A fat Mach-O names a handful of architectures; Java class files share its magic with a version here. */
const MAX_FAT_ARCHES = 16;

/** What an executable image is, or null when the file is not one (scripts, data, images). */
export async function executableKind(read: ReadAt): Promise<ExecutableKind | null> {
  const head = await read(0, 64);
  if (head.length < 4) return null;
  const magic = head.readUInt32BE(0);
  if (magic === 0xcafebabe) return fatMachOKind(read, head);
  if (magic === 0xfeedface || magic === 0xfeedfacf || magic === 0xcefaedfe || magic === 0xcffaedfe)
    return machOKind(head, 0);
  if (magic === 0x7f454c46) return elfKind(read, head);
  if (head.toString('latin1', 0, 2) === 'MZ') return peKind(read, head);
  return null;
}

function machOKind(head: Buffer, at: number): ExecutableKind | null {
  if (head.length < at + 16) return null;
  const magic = head.readUInt32BE(at);
  const littleEndian = magic === 0xcefaedfe || magic === 0xcffaedfe;
  if (!littleEndian && magic !== 0xfeedface && magic !== 0xfeedfacf) return null;
  const fileType = littleEndian ? head.readUInt32LE(at + 12) : head.readUInt32BE(at + 12);
  return fileType === MH_EXECUTE ? 'program' : 'library';
}

/** A universal binary: the first architecture's header decides (all of them are the same kind of file). */
async function fatMachOKind(read: ReadAt, head: Buffer): Promise<ExecutableKind | null> {
  const arches = head.readUInt32BE(4);
  if (arches === 0 || arches > MAX_FAT_ARCHES || head.length < 20) return null;
  const offset = head.readUInt32BE(16);
  return machOKind(await read(offset, 16), 0);
}

async function elfKind(read: ReadAt, head: Buffer): Promise<ExecutableKind | null> {
  if (head.length < 52) return null;
  const is64 = head[4] === 2;
  const littleEndian = head[5] === 1;
  const u16 = (b: Buffer, o: number) => (littleEndian ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (b: Buffer, o: number) => (littleEndian ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const type = u16(head, 16);
  if (type === ET_EXEC) return 'program';
  if (type !== ET_DYN) return null;
  // A position-independent executable is ET_DYN too; only it asks for a program interpreter.
  const phOffset = is64
    ? Number(littleEndian ? head.readBigUInt64LE(32) : head.readBigUInt64BE(32))
    : u32(head, 28);
  const phEntrySize = u16(head, is64 ? 54 : 42);
  const phCount = u16(head, is64 ? 56 : 44);
  if (phEntrySize < 4 || phCount > 256) return 'library';
  const table = await read(phOffset, phEntrySize * phCount);
  for (let i = 0; i + 4 <= table.length && i < phEntrySize * phCount; i += phEntrySize)
    if (u32(table, i) === PT_INTERP) return 'program';
  return 'library';
}

async function peKind(read: ReadAt, head: Buffer): Promise<ExecutableKind | null> {
  if (head.length < 0x40) return null;
  const peOffset = head.readUInt32LE(0x3c);
  const pe = await read(peOffset, 24);
  if (pe.length < 24 || pe.toString('latin1', 0, 4) !== 'PE\0\0') return null;
  const characteristics = pe.readUInt16LE(22);
  return characteristics & IMAGE_FILE_DLL ? 'library' : 'program';
}
