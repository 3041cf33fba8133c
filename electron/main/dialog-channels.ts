/**
 * Desktop-only calls live in main, not the engine: native dialogs, the file manager, a pasted picture's
 * bytes. Their channels sit beside the contract's (which `ipcChannel` derives from the method table).
 */
export const dialogChannel = {
  pickFolders: 'doppel:dialog:pickFolders',
  pickImage: 'doppel:dialog:pickImage',
  /** A pasted picture's bytes for a query (no file on disk to name). */
  uploadImage: 'doppel:upload',
  /** Show a library photo in the file manager (Finder, Explorer); the engine vouches for the path first. */
  revealInFolder: 'doppel:shell:revealInFolder',
  /** Open the system Trash, where the user restores what the OS trash took (Doppel cannot put it back). */
  openTrash: 'doppel:shell:openTrash',
} as const;
