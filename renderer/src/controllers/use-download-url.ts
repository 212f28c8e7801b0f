// A blob: URL for text the user downloads (history and dictionary exports), revoked when the text changes or the view goes.
import { useEffect, useMemo } from 'react';

export function useDownloadUrl(text: string | undefined, type: string): string | null {
  const url = useMemo(() => (text !== undefined ? URL.createObjectURL(new Blob([text], { type })) : null), [text, type]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}
