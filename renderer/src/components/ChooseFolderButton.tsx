import { useEngine } from '../hooks/useEngine';

/** "Choose…" beside a folder field, only where a native picker exists (the desktop app). */
export function ChooseFolderButton({
  onChoose,
  testId,
}: {
  onChoose: (path: string) => void;
  testId?: string;
}) {
  const { pickFolders } = useEngine();
  if (!pickFolders) return null;
  const choose = async () => {
    const [path] = await pickFolders();
    if (path) onChoose(path);
  };
  return (
    <button type="button" className="button" onClick={choose} data-testid={testId}>
      Choose…
    </button>
  );
}
