// History: search (FTS in main), the list with intent, language, time and timings, an open entry with copy again and delete, export.
import { useEffect } from 'react';
import type { HistoryEntry } from '../../../preload/contract';
import { errorLines } from '../../../preload/check-text';
import { CheckBadge, CheckErrors } from '../components/CheckBadge';
import { CodeBlock } from '../components/CodeBlock';
import { CopyButton } from '../components/CopyButton';
import { ClearHistoryButton } from '../components/ClearHistoryButton';
import { ErrorNotice } from '../components/ErrorNotice';
import { TimingBar } from '../components/TimingBar';
import type { HistoryController } from '../controllers/history-controller';
import { useDownloadUrl } from '../controllers/use-download-url';
import { useStore } from '../controllers/use-store';
import { hasAnyTiming, STAGES, type Budget, type Stage } from '../model/budgets';
import { formatMs, formatTime, intentLabel } from '../model/format';
import { historyProblemLabel } from '../model/history-label';

export interface HistoryViewProps {
  controller: HistoryController;
  budgets: Record<Stage, Budget>;
  onCopy: (text: string) => Promise<boolean>;
}

function timingSummary(entry: HistoryEntry): string {
  const t = entry.timings;
  if (!t) return '';
  const short = { transcription: 'T', intent: 'I', generation: 'G', total: 'total' } as const;
  return STAGES.filter((s) => typeof t[s] === 'number')
    .map((s) => `${short[s]} ${formatMs(t[s] as number)}`)
    .join(' · ');
}

export function HistoryView({ controller, budgets, onCopy }: HistoryViewProps) {
  const state = useStore(controller);
  useEffect(() => {
    void controller.search();
    // The overlay's "Open in the main window" opens History on that result (?tab=history&entry=ID).
    const entry = Number(new URLSearchParams(window.location.search).get('entry'));
    if (Number.isSafeInteger(entry) && entry > 0) void controller.open(entry);
  }, [controller]);
  const exportUrl = useDownloadUrl(state.exported?.json, 'application/json');
  const selected = state.selected;

  return (
    <div className="history">
      <div className="history-toolbar">
        <label htmlFor="history-search" className="sr-only">
          Search history
        </label>
        <input
          id="history-search"
          type="search"
          placeholder="Search history (words from the request or the code)"
          value={state.query}
          onChange={(e) => controller.setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void controller.search();
          }}
        />
        <span className="muted" role="status">
          {state.loading ? 'Searching…' : `${state.entries.length}${state.total > state.entries.length ? '+' : ''} ${state.entries.length === 1 ? 'entry' : 'entries'}`}
        </span>
        <button type="button" className="button" onClick={() => void controller.exportAll()}>
          Export
        </button>
        {exportUrl ? (
          <a className="button" href={exportUrl} download={`voice-codegen-history-${new Date(state.exported?.at ?? 0).toISOString().slice(0, 10)}.json`}>
            Download export
          </a>
        ) : null}
      </div>
      {state.error ? <ErrorNotice error={state.error} onDismiss={() => controller.dismissError()} onRetry={() => void controller.search()} /> : null}
      <div className={`history-body${selected ? ' has-selection' : ''}`}>
        <ul className="history-list" aria-label="History entries">
          {state.entries.length === 0 && !state.loading ? <li className="muted empty">{state.query ? 'Nothing matches.' : 'No requests yet.'}</li> : null}
          {state.entries.map((entry) => (
            <li key={entry.id}>
              <button type="button" className={`history-item${selected?.id === entry.id ? ' is-selected' : ''}`} aria-current={selected?.id === entry.id ? 'true' : undefined} onClick={() => void controller.open(entry.id)}>
                <span className="history-transcript">{entry.transcript || '(no transcript)'}</span>
                <span className="history-meta">
                  <span>{intentLabel(entry.intent)}</span>
                  {entry.language ? <span>{entry.language}</span> : null}
                  <span>{formatTime(entry.createdAt)}</span>
                  {entry.cachedTier ? <span>cached {entry.cachedTier.toUpperCase()}</span> : null}
                  {entry.uses && entry.uses > 1 ? <span>used {entry.uses} times{entry.lastUsedAt ? `, last ${formatTime(entry.lastUsedAt)}` : ''}</span> : null}
                  {historyProblemLabel(entry) ? <span className="text-danger">{historyProblemLabel(entry)}</span> : null}
                </span>
                <span className="history-timings">{timingSummary(entry)}</span>
              </button>
            </li>
          ))}
          {state.total > state.entries.length ? (
            <li>
              <button type="button" className="button ghost" disabled={state.loading} onClick={() => void controller.loadMore()}>
                Show more
              </button>
            </li>
          ) : null}
        </ul>
        {selected ? (
          <section className="history-detail" aria-label="Selected entry">
            <div className="result-header">
              <h2 className="section-title">{intentLabel(selected.intent)}</h2>
              {selected.language ? <span className="badge badge-lang">{selected.language}</span> : null}
              {selected.check ? <CheckBadge check={selected.check} /> : null}
              <span className="muted">{formatTime(selected.createdAt)}</span>
              <span className="spacer" />
              <button type="button" className="button ghost" onClick={() => controller.close()}>
                Close
              </button>
            </div>
            <p className="transcript-text">{selected.transcript}</p>
            {selected.errorCode ? <p className="text-danger">{selected.errorMessage ?? selected.errorCode}</p> : null}
            {selected.code ? <CodeBlock code={selected.code} language={selected.language} label="Code from history" errorLines={errorLines(selected.check ?? undefined)} /> : selected.answer ? <p className="answer">{selected.answer}</p> : null}
            {selected.check ? <CheckErrors check={selected.check} /> : null}
            {hasAnyTiming(selected.timings) && selected.timings ? <TimingBar timings={selected.timings} budgets={budgets} compact /> : null}
            <div className="detail-actions">
              {selected.code ? <CopyButton label="Copy again" onCopy={() => onCopy(selected.code ?? '')} /> : null}
              <button type="button" className="button danger" onClick={() => void controller.remove(selected.id)}>
                Delete entry
              </button>
            </div>
          </section>
        ) : null}
      </div>
      <div className="history-footer">
        <ClearHistoryButton prompt="Delete every entry? This cannot be undone." onClear={() => void controller.clear()} />
        {state.notice ? <span role="status" className="muted">{state.notice}</span> : null}
      </div>
    </div>
  );
}
