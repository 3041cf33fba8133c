/** Native dialogs live in main, not the engine: their channels sit beside the contract's. */
export const dialogChannel = {
  pickFolders: 'doppel:dialog:pickFolders',
  pickImage: 'doppel:dialog:pickImage',
  /** A pasted picture's bytes for a query (no file on disk to name). */
  uploadImage: 'doppel:upload',
} as const;
