// Public shapes of the Gemini simulator: options, scripts, faults and the statistics it reports.

export type ProfileName = 'instant' | 'realistic';

export interface SimulatorOptions {
  /** Port of the Google-shaped HTTP + WebSocket server (0 or absent: a free port). */
  port?: number;
  profile?: ProfileName;
  /** Keys the simulator accepts (default ['sim-key']). */
  apiKeys?: string[];
  /** A Live connection is closed (1011) after this long; Google's is about 10 minutes. */
  connectionLifetimeMs?: number;
  /** goAway is sent this long before the end of a connection's life. */
  goAwayLeadMs?: number;
  /** Output pacing of generated text; default from the profile. */
  tokensPerSecond?: number;
  /** Port of the admin API (0: a free port, false: none). Default false. */
  adminPort?: number | false;
  /** Bearer token the admin API requires (default: a random one per start, readable as `adminToken`). */
  adminToken?: string;
}

/** What the simulator "hears" for audio that starts with a given identifying tone. */
export interface TranscriptScript {
  /** Frequency of the 150 ms identifying tone at the start of the audio; absent: the default transcript. */
  toneHz?: number;
  /** The final transcript. Identifiers (fetchUserById) are spelt only when sent as custom vocabulary. */
  final: string;
  /**
   * Increments sent while the audio arrives. Their concatenation may differ from the final
   * (a revision: "write a function" then final "write a class").
   */
  partials?: string[];
}

export interface CodeAnswerRequest {
  model: string;
  prompt: string;
  systemInstruction: string;
}

export type CodeAnswer = string | ((request: CodeAnswerRequest) => string);

export type FinishReasonFault = 'MAX_TOKENS' | 'SAFETY' | 'RECITATION';

/** A fault applied to the next `count` matching calls (default 1). */
export type Fault = { count?: number; model?: string } & (
  | { kind: 'delay'; ms: number; target?: 'rest' | 'live' }
  | { kind: 'http-error'; status: 400 | 403 | 404 | 429 | 500 | 503 | 504; retryDelaySeconds?: number; message?: string }
  | { kind: 'sse-cut'; mode?: 'partial-event' | 'socket' }
  | { kind: 'stream-error-event'; status: 429 | 500 | 503 }
  | { kind: 'finish-reason'; reason: FinishReasonFault }
  | { kind: 'live-drop-mid-turn' }
  | { kind: 'live-close-before-setup'; code?: number; reason?: string }
  | { kind: 'live-no-setup-complete' }
  | { kind: 'live-go-away'; timeLeftMs?: number }
  | { kind: 'live-malformed-frame' }
  /** The transcript's last increment (`finished: true`) goes out on time, turnComplete (with usage) delayMs later (default 3 s). */
  | { kind: 'live-late-turn-complete'; delayMs?: number }
  /** The code answer does not parse: its last closing brace dropped ('brace'), or a line of prose inside the block ('prose'). */
  | { kind: 'syntax-error'; mode?: 'brace' | 'prose' }
  /** The code answer is in another language than the one asked (default: TypeScript, or Python when TypeScript was asked). */
  | { kind: 'wrong-language'; language?: string }
  /**
   * Near-silence heard as words, as speech models do: a transcription turn or request whose audio RMS is under
   * `belowRms` (PCM16 units, default 1,000: about -30 dBFS) is transcribed as `text` (default "Thank you.").
   * While it is pending, a Live turn sends no increments: the phantom arrives whole with `finished`.
   */
  | { kind: 'phantom-transcript'; text?: string; belowRms?: number }
);

export type FaultKind = Fault['kind'];

export interface LiveTurnStats {
  connectionId: string;
  turn: number;
  samples: number;
  chunks: number;
  nonSilent: boolean;
  toneHz: number | null;
  transcript: string;
  /** Server time from activityEnd to the final transcript (null when the turn had none): benches subtract it. */
  finalMs: number | null;
}

export interface LiveSetupStats {
  connectionId: string;
  model: string;
  responseModalities: string[];
  vocabulary: string[];
  /** setup.inputAudioTranscription.languageCodes as received (empty: detect the language). */
  languageCodes: string[];
  automaticActivityDetection: boolean;
}

export interface RequestStats {
  responseId: string;
  kind: 'generateContent' | 'streamGenerateContent';
  model: string;
  receivedAt: number;
  lastByteAt: number | null;
  /** Time from request received to last byte sent: benches subtract it from client-side latency. */
  serverMs: number | null;
  cancelled: boolean;
  status: number;
  thinkingBudget: number | null;
  thinkingLevel: string | null;
  /** The level the model thought at (thinking.ts): 'MEDIUM' for a Gemini 3 request without a level. */
  effectiveThinkingLevel: string | null;
  /** usageMetadata.thoughtsTokenCount of the answer. */
  thoughtsTokens: number;
  maxOutputTokens: number | null;
  finishReason: string | null;
  /** generationConfig.audioTranscriptionConfig.customVocabulary, null when absent. */
  customVocabulary: string[] | null;
  /** How many text and inline-audio parts the request's contents held. */
  textParts: number;
  audioParts: number;
  /** The scripted tone found in the request's audio (null: no audio, or no tone): benches match a REST transcription to its dictation by it. */
  toneHz: number | null;
  /** The request's prompt text (first 8 000 characters), so a test can see what a follow-up asked. */
  prompt: string;
}

export interface SimulatorStats {
  live: {
    connections: number;
    open: number;
    setups: LiveSetupStats[];
    audioChunks: number;
    activityStarts: number;
    activityEnds: number;
    audioStreamEnds: number;
    turns: LiveTurnStats[];
    closes: Array<{ connectionId: string; code: number; reason: string; by: 'server' | 'client' }>;
  };
  rest: {
    requestsByModel: Record<string, number>;
    streamsCompleted: number;
    streamsCancelled: number;
    requests: RequestStats[];
  };
}

export interface GeminiSimulator {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly port: number;
  readonly adminUrl: string | null;
  /** What the admin API wants in `Authorization: Bearer ...`; null without an admin API. */
  readonly adminToken: string | null;
  setProfile(profile: ProfileName): void;
  setScripts(scripts: TranscriptScript[]): void;
  setDefaultTranscript(script: TranscriptScript): void;
  setCodeAnswer(answer: CodeAnswer | null): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  stats(): SimulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}
