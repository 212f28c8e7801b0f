// The simulator's mutable state shared by its Live, REST and admin servers.
import { FaultQueue } from './faults.js';
import { latencyProfile, type LatencyProfile } from './profiles.js';
import { DEFAULT_TRANSCRIPT } from './transcripts.js';
import type { CodeAnswer, ProfileName, SimulatorStats, TranscriptScript } from './types.js';

/** Per-request records are capped so that a long demo run does not grow without bound. */
const MAX_RECORDS = 5_000;

export function emptyStats(): SimulatorStats {
  return {
    live: { connections: 0, open: 0, setups: [], audioChunks: 0, activityStarts: 0, activityEnds: 0, audioStreamEnds: 0, turns: [], closes: [] },
    rest: { requestsByModel: {}, streamsCompleted: 0, streamsCancelled: 0, requests: [] },
  };
}

export function pushCapped<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
}

export interface SimConfig {
  apiKeys: ReadonlySet<string>;
  connectionLifetimeMs: number;
  goAwayLeadMs: number;
  tokensPerSecond: number | undefined;
}

export class SimState {
  profile: LatencyProfile;
  scripts: TranscriptScript[] = [];
  defaultTranscript: TranscriptScript = DEFAULT_TRANSCRIPT;
  codeAnswer: CodeAnswer | null = null;
  readonly faults = new FaultQueue();
  stats: SimulatorStats = emptyStats();
  private nextId = 1;

  constructor(readonly config: SimConfig, profile: ProfileName) {
    this.profile = latencyProfile(profile);
  }

  setProfile(name: ProfileName): void {
    this.profile = latencyProfile(name);
  }

  get tokensPerSecond(): number {
    return this.config.tokensPerSecond ?? this.profile.tokensPerSecond;
  }

  id(prefix: string): string {
    return `${prefix}-${(this.nextId++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }
}
