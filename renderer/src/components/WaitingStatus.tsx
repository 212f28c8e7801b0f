// The live countdown of a request waiting for an automatic retry ("Gemini quota reached — retrying in 14 s").
import { useEffect, useState } from 'react';
import type { WaitingInfo } from '../model/dictation-state';
import { waitingTitle } from '../model/error-help';

export function WaitingStatus({ waiting }: { waiting: WaitingInfo }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= waiting.until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [waiting.until]);
  return (
    <span className="status-waiting" data-until={waiting.until}>
      {waitingTitle(waiting.reason, waiting.until, now)}
    </span>
  );
}
