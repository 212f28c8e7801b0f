// Dashboard data: one 'dashboard.get' at open, then live 'dashboard.update', 'memory.state' and 'alert' events.
import type { Api, AppErrorPayload } from '../../../preload/contract';
import { readDashboard, type DashboardModel } from '../model/dashboard-model';
import { toErrorPayload } from '../model/error-help';
import { StateStore } from './state-store';

export interface DashboardState {
  raw: Record<string, unknown> | null;
  model: DashboardModel;
  memory: DashboardModel['memory'];
  liveAlerts: Array<{ severity: string; message: string; at: number | null }>;
  error: AppErrorPayload | null;
  loading: boolean;
}

export class DashboardController extends StateStore<DashboardState> {
  private readonly disposers: Array<() => void> = [];

  constructor(
    private readonly api: Api,
    private readonly thresholds: () => { warning: number; critical: number } = () => ({ warning: 0.8, critical: 0.9 }),
  ) {
    super({ raw: null, model: readDashboard(null, null, thresholds()), memory: null, liveAlerts: [], error: null, loading: false });
    this.disposers.push(api.on('dashboard.update', (snapshot) => this.accept(snapshot)));
    this.disposers.push(
      api.on('memory.state', (m) => {
        const { warning, critical } = this.thresholds();
        const memory = { usage: m.usage, warning, critical, level: m.level, rssBytes: null };
        const s = this.getState();
        // The event is newer than the snapshot's reading.
        const raw = s.raw ? { ...s.raw, memory: { usage: m.usage, level: m.level } } : null;
        this.patch({ memory, raw, model: readDashboard(raw, memory, this.thresholds()) });
      }),
    );
    this.disposers.push(
      api.on('alert', (a) => {
        const s = this.getState();
        this.patch({ liveAlerts: [{ severity: a.severity, message: a.message, at: a.at }, ...s.liveAlerts].slice(0, 10) });
      }),
    );
  }

  async refresh(): Promise<void> {
    this.patch({ loading: true });
    try {
      const snapshot = await this.api.call('dashboard.get', {});
      this.accept(snapshot);
      this.patch({ loading: false, error: null });
    } catch (error) {
      this.patch({ loading: false, error: toErrorPayload(error) });
    }
  }

  /** Pushed updates carry the monitor's part only: keep what 'dashboard.get' added (memory, cache tiers, pool, report). */
  private accept(snapshot: Record<string, unknown>): void {
    const s = this.getState();
    const raw = { ...(s.raw ?? {}), ...snapshot };
    const model = readDashboard(raw, s.memory, this.thresholds());
    this.patch({ raw, model });
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
  }
}
