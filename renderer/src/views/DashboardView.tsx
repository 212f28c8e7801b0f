// The monitor, live: tokens against the cap, stage percentiles against budgets, requests and errors over time, cache, memory, pools, alerts, last report.
import { useEffect } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Meter } from '../components/Meter';
import { MinuteChart, type ChartLine } from '../components/MinuteChart';
import type { DashboardController } from '../controllers/dashboard-controller';
import { useStore } from '../controllers/use-store';
import { judge, STAGE_LABELS, type Budget, type Stage } from '../model/budgets';
import { formatAge, formatBytes, formatCount, formatMs, formatMsShort, formatPercent, formatTime, TIER_LABELS } from '../model/format';

export interface DashboardViewProps {
  controller: DashboardController;
  budgets: Record<Stage, Budget>;
}

const REQUEST_LINES: readonly ChartLine[] = [
  { label: 'Requests per minute', color: '#7cc4ff', value: (p) => p.requests },
  { label: 'Errors per minute', color: '#ff8a80', value: (p) => p.errors },
];
const LATENCY_LINES: readonly ChartLine[] = [
  { label: 'Total p50 (ms)', color: '#7bd88f', value: (p) => p.p50.total ?? null },
  { label: 'Total p95 (ms)', color: '#ffd27a', value: (p) => p.p95.total ?? null },
  { label: 'Generation p95 (ms)', color: '#c39bff', value: (p) => p.p95.generation ?? null, dash: [4, 4] },
];

function Empty({ children = 'No data yet.' }: { children?: string }) {
  return <p className="muted empty">{children}</p>;
}

export function DashboardView({ controller, budgets }: DashboardViewProps) {
  const state = useStore(controller);
  const m = state.model;
  useEffect(() => {
    void controller.refresh();
  }, [controller]);
  const alerts = [...state.liveAlerts, ...m.alerts.filter((a) => !state.liveAlerts.some((l) => l.message === a.message && l.at === a.at))].slice(0, 8);

  return (
    <div className="dashboard">
      <div className="dashboard-head">
        <span className="muted" role="status">
          {state.loading ? 'Loading…' : m.at !== null ? `Updated ${formatTime(m.at)}${m.uptimeMs !== null ? ` · up ${formatAge(m.uptimeMs)}` : ''}` : 'Waiting for the monitor…'}
        </span>
        <button type="button" className="button" onClick={() => void controller.refresh()}>
          Refresh
        </button>
      </div>
      {state.error ? <ErrorNotice error={state.error} onRetry={() => void controller.refresh()} /> : null}
      <div className="dashboard-grid">
        <section className="card card-wide" aria-labelledby="dash-requests">
          <h2 id="dash-requests">Requests and errors</h2>
          <dl className="stats">
            <div><dt>Requests</dt><dd>{m.requests !== null ? formatCount(m.requests) : '–'}</dd></div>
            <div><dt>Errors</dt><dd>{m.errors !== null ? formatCount(m.errors) : '–'}</dd></div>
            <div><dt>Error rate (window)</dt><dd>{m.errorRate !== null ? formatPercent(m.errorRate, 1) : '–'}</dd></div>
          </dl>
          {m.gemini ? <p className={`gemini-state tone-${m.gemini.tone}`} role="status">{m.gemini.text}</p> : null}
          <MinuteChart
            points={m.minutes}
            lines={REQUEST_LINES}
            now={m.at}
            summary={m.minutes.length === 0 ? 'No requests in the last hour.' : `Last hour: ${m.minutes.reduce((a, p) => a + p.requests, 0)} requests and ${m.minutes.reduce((a, p) => a + p.errors, 0)} errors over ${m.minutes.length} active minutes.`}
          />
          <MinuteChart
            points={m.minutes}
            lines={LATENCY_LINES}
            now={m.at}
            summary={m.minutes.length === 0 ? 'Stage times appear after the first request.' : `Total time per minute, p50 and p95, and generation p95, in ms, over the last hour.`}
          />
        </section>

        <section className="card" aria-labelledby="dash-stages">
          <h2 id="dash-stages">Stage latency</h2>
          {m.stages.length === 0 ? (
            <Empty />
          ) : (
            <table className="table">
              <caption className="muted">Milliseconds, over the last 1000 requests</caption>
              <thead>
                <tr><th scope="col">Stage</th><th scope="col">p50</th><th scope="col">p95</th><th scope="col">p99</th><th scope="col">Target/max</th></tr>
              </thead>
              <tbody>
                {m.stages.map((s) => {
                  const b = budgets[s.stage];
                  return (
                    <tr key={s.stage} data-stage={s.stage}>
                      <th scope="row">{STAGE_LABELS[s.stage]}{s.count !== null ? <span className="muted"> ({s.count})</span> : null}</th>
                      {([s.p50, s.p95, s.p99] as const).map((v, i) => (
                        <td key={i} className={`num ${judge(v, b)}`}>{formatMsShort(v)}</td>
                      ))}
                      <td className="num muted">{b.targetMs}/{b.maxMs}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>

        <section className="card" aria-labelledby="dash-tokens">
          <h2 id="dash-tokens">Tokens today</h2>
          {m.tokens ? (
            <>
              {m.tokens.cap ? (
                <Meter label="Tokens against the daily cap" value={m.tokens.today} max={m.tokens.cap} valueText={`${formatCount(m.tokens.today)} of ${formatCount(m.tokens.cap)}`} marks={[{ at: m.tokens.cap * 0.8, label: '80% of cap', kind: 'warning' }]} />
              ) : (
                <p className="big-number">{formatCount(m.tokens.today)} <span className="muted">(no daily cap set)</span></p>
              )}
              {m.tokens.costUsd !== null ? <p className="muted">Estimated cost since start: ${m.tokens.costUsd.toFixed(4)}</p> : null}
              {m.tokens.byKind.length > 0 ? (
                <table className="table">
                  <caption className="muted">Since start, by kind of call</caption>
                  <thead><tr><th scope="col">Call</th><th scope="col">Input</th><th scope="col">Output</th><th scope="col">Est. cost</th></tr></thead>
                  <tbody>
                    {m.tokens.byKind.map((k) => (
                      <tr key={k.kind}>
                        <th scope="row">{k.label}</th>
                        <td>{formatCount(k.input)}</td>
                        <td>{formatCount(k.output)}</td>
                        <td>{k.costUsd !== null ? `$${k.costUsd.toFixed(4)}` : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </>
          ) : (
            <Empty />
          )}
        </section>

        <section className="card" aria-labelledby="dash-cache">
          <h2 id="dash-cache">Cache</h2>
          {m.cache ? (
            <>
              <p className="big-number">{m.cache.hitRate !== null ? formatPercent(m.cache.hitRate) : '–'} <span className="muted">hit rate</span></p>
              <table className="table">
                <thead><tr><th scope="col">Answered by</th><th scope="col">Lookups</th><th scope="col">Share</th></tr></thead>
                <tbody>
                  {m.cache.tiers.map((t) => (
                    <tr key={t.tier}>
                      <th scope="row">{t.tier === 'miss' ? 'Gemini (miss)' : TIER_LABELS[t.tier] ?? t.tier}</th>
                      <td className="num">{formatCount(t.count)}</td>
                      <td className="num">{m.cache && m.cache.total > 0 ? formatPercent(t.count / m.cache.total) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <Empty />
          )}
          {m.tierRates.length > 0 ? (
            <table className="table table-spaced">
              <caption className="muted">Each tier on its own</caption>
              <thead><tr><th scope="col">Tier</th><th scope="col">Hits</th><th scope="col">Misses</th><th scope="col">Hit rate</th><th scope="col">Rejected</th></tr></thead>
              <tbody>
                {m.tierRates.map((t) => (
                  <tr key={t.tier}>
                    <th scope="row">{TIER_LABELS[t.tier] ?? t.tier}</th>
                    <td className="num">{formatCount(t.hits)}</td>
                    <td className="num">{formatCount(t.misses)}</td>
                    <td className="num">{formatPercent(t.hitRate)}</td>
                    <td className="num" title="Entries read but refused: not signed with the team secret, or malformed">{formatCount(t.rejected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>

        <section className="card" aria-labelledby="dash-memory">
          <h2 id="dash-memory">Memory</h2>
          {m.memory ? (
            <Meter
              label={`Memory in use${m.memory.level ? ` (${m.memory.level})` : ''}`}
              value={m.memory.usage}
              max={1}
              valueText={formatPercent(m.memory.usage)}
              marks={[
                { at: m.memory.warning, label: `warning ${formatPercent(m.memory.warning)}`, kind: 'warning' },
                { at: m.memory.critical, label: `critical ${formatPercent(m.memory.critical)}`, kind: 'critical' },
              ]}
            />
          ) : (
            <Empty>No memory reading yet.</Empty>
          )}
          {m.resources ? (
            <p className="muted">
              Process: {m.resources.rssBytes !== null ? `${formatBytes(m.resources.rssBytes)} RSS` : ''}
              {m.resources.heapUsedBytes !== null ? ` · ${formatBytes(m.resources.heapUsedBytes)} heap` : ''}
              {m.resources.cpuPercent !== null ? ` · CPU ${m.resources.cpuPercent.toFixed(0)}%` : ''}
            </p>
          ) : null}
        </section>

        <section className="card" aria-labelledby="dash-pools">
          <h2 id="dash-pools">Pools</h2>
          {m.pools.length === 0 && m.instances.length === 0 ? <Empty /> : null}
          {m.pools.length === 0 ? null : (
            <table className="table">
              <thead><tr><th scope="col">Pool</th><th scope="col">Size</th><th scope="col">Idle</th><th scope="col">Min–max</th><th scope="col">Queued</th></tr></thead>
              <tbody>
                {m.pools.map((p) => (
                  <tr key={p.name}>
                    <th scope="row">{p.name}</th>
                    <td className="num">{p.size}</td>
                    <td className="num">{p.idle ?? '–'}</td>
                    <td className="num">{p.min !== null || p.max !== null ? `${p.min ?? '–'}–${p.max ?? '–'}` : '–'}</td>
                    <td className="num">{p.waiting ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {m.instances.length > 0 ? (
            <table className="table table-spaced">
              <caption className="muted">Gemini instances</caption>
              <thead><tr><th scope="col">Instance</th><th scope="col">State</th><th scope="col">Latency</th><th scope="col">Errors</th></tr></thead>
              <tbody>
                {m.instances.map((i) => (
                  <tr key={i.name}>
                    <th scope="row">{i.name}</th>
                    <td>{i.state}</td>
                    <td className="num">{i.latencyMs !== null ? formatMs(i.latencyMs) : '–'}</td>
                    <td className="num">{i.errorRate !== null ? formatPercent(i.errorRate) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>

        <section className="card" aria-labelledby="dash-alerts">
          <h2 id="dash-alerts">Recent alerts</h2>
          {alerts.length === 0 ? (
            <Empty>No alerts.</Empty>
          ) : (
            <ul className="alert-list">
              {alerts.map((a, i) => (
                <li key={`${a.at ?? 0}-${i}`} className={`alert-item ${a.severity.toLowerCase()}`}>
                  <span className="badge">{a.severity}</span> {a.message}
                  {a.at !== null ? <span className="muted"> · {formatTime(a.at)}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card card-wide" aria-labelledby="dash-report">
          <h2 id="dash-report">Last hourly report</h2>
          {m.report ? (
            <>
              <p className="muted">
                {m.report.from !== null && m.report.to !== null ? `${formatTime(m.report.from)}–${formatTime(m.report.to)} · ` : ''}
                {m.report.requests !== null ? `${m.report.requests} requests` : ''}
                {m.report.errorRate !== null ? ` · ${formatPercent(m.report.errorRate, 1)} errors` : ''}
                {m.report.p95Total !== null ? ` · p95 ${formatMs(m.report.p95Total)}` : ''}
              </p>
              {m.report.recommendations.length > 0 ? (
                <ul className="recommendations">
                  {m.report.recommendations.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No recommendations: everything ran within its budget.</p>
              )}
            </>
          ) : (
            <Empty>No report yet: the first one comes an hour after start.</Empty>
          )}
        </section>
      </div>
    </div>
  );
}
