// The app shell: header (host, simulated Gemini), first-run onboarding, tabs for the views, the compact overlay, Esc to cancel.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Api, AppInfo, EventPayload } from '../../preload/contract';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { Tabs, type TabItem } from './components/Tabs';
import { DashboardController } from './controllers/dashboard-controller';
import { DictationController } from './controllers/dictation-controller';
import { HistoryController } from './controllers/history-controller';
import { SettingsController } from './controllers/settings-controller';
import { useMediaQuery } from './controllers/use-media-query';
import { useStore } from './controllers/use-store';
import { budgetsFrom } from './model/budgets';
import { getPath } from './model/settings-fields';
import { unavailableCapture, type CaptureStarter } from './platform/capture-port';
import { copyText } from './platform/clipboard';
import { getFlag, PREF_NOTE_DISMISSED, PREF_NOTICE_SEEN, PREF_ONBOARDED, setFlag } from './platform/preferences';
import { DictationView } from './views/DictationView';
import { HistoryView } from './views/HistoryView';
import { OnboardingView } from './views/OnboardingView';
import { OverlayHud } from './views/OverlayHud';
import { OverlayActions } from './controllers/overlay-actions';
import { SettingsView } from './views/SettingsView';
import { PersonalController } from './controllers/personal-controller';
import { LazyBoundary } from './lazy/lazy';
import { LazyDashboardView } from './lazy/views';

type ViewKey = 'dictation' | 'history' | 'dashboard' | 'settings';

const TABS: ReadonlyArray<TabItem<ViewKey>> = [
  { key: 'dictation', label: 'Dictation' },
  { key: 'history', label: 'History' },
  { key: 'dashboard', label: 'Dashboard' },
  { key: 'settings', label: 'Settings' },
];

export interface AppProps {
  api: Api;
  startCapture?: CaptureStarter;
}

function initialTab(): ViewKey {
  const tab = new URLSearchParams(window.location.search).get('tab');
  return TABS.some((t) => t.key === tab) ? (tab as ViewKey) : 'dictation';
}

export function App({ api, startCapture = unavailableCapture }: AppProps) {
  const overlayParam = useMemo(() => new URLSearchParams(window.location.search).get('view') === 'overlay', []);
  const small = useMediaQuery('(max-width: 560px), (max-height: 420px)');
  const compact = overlayParam || small;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [tab, setTab] = useState<ViewKey>(initialTab);
  const [onboarded, setOnboarded] = useState(() => getFlag(PREF_ONBOARDED));
  const [noticeSeen, setNoticeSeen] = useState(() => getFlag(PREF_NOTICE_SEEN));
  const [memory, setMemory] = useState<EventPayload<'memory.state'> | null>(null);
  const [critical, setCritical] = useState<EventPayload<'alert'> | null>(null);

  const settings = useMemo(() => new SettingsController(api), [api]);
  const settingsState = useStore(settings);
  const dictation = useMemo(
    () =>
      new DictationController(api, startCapture, {
        deviceId: () => settings.microphone,
        // No language: main falls back to settings' default only when the request names none ("a python function").
        hotkeyMode: () => (getPath(settings.getState().settings, 'hotkey.mode') === 'toggle' ? 'toggle' : 'push-to-talk'),
        autoCopy: true,
      }),
    [api, startCapture, settings],
  );
  const history = useMemo(() => new HistoryController(api), [api]);
  // The desktop overlay's Paste / Open / chords: main carries them out; the browser has no desktop to paste into.
  const overlayActions = useMemo(() => (overlayParam && info?.host === 'electron' ? new OverlayActions(api) : null), [api, overlayParam, info?.host]);
  useEffect(() => () => overlayActions?.dispose(), [overlayActions]);
  const personal = useMemo(() => new PersonalController(api), [api]);
  const dashboard = useMemo(
    () =>
      new DashboardController(api, () => {
        const m = getPath(settings.getState().settings, 'monitor.memory');
        const w = getPath(m, 'warning');
        const c = getPath(m, 'critical');
        return { warning: typeof w === 'number' ? w : 0.8, critical: typeof c === 'number' ? c : 0.9 };
      }),
    [api, settings],
  );

  const loadInfo = useCallback(() => {
    api
      .call('app.info', {})
      .then((i) => {
        setInfo(i);
        setInfoError(null);
      })
      .catch((e: unknown) => setInfoError(e instanceof Error ? e.message : String(e)));
  }, [api]);

  useEffect(() => {
    loadInfo();
    void settings.load();
  }, [loadInfo, settings]);

  useEffect(() => () => dictation.dispose(), [dictation]);
  useEffect(() => () => history.dispose(), [history]);
  useEffect(() => () => dashboard.dispose(), [dashboard]);
  useEffect(() => api.on('memory.state', setMemory), [api]);
  useEffect(() => api.on('alert', (a) => (a.severity === 'CRITICAL' ? setCritical(a) : undefined)), [api]);

  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [noteDismissed, setNoteDismissed] = useState(() => getFlag(PREF_NOTE_DISMISSED));
  useEffect(() => {
    /** Keys typed into a field or on a control belong to it. */
    const onControl = (target: EventTarget | null): boolean =>
      target instanceof Element && target.closest('input, textarea, select, button, a[href], [contenteditable="true"], [role="tab"], [role="dialog"]') !== null;
    let spaceHeld = false;
    const toggle = (): boolean => getPath(settings.getState().settings, 'hotkey.mode') === 'toggle';
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        if (shortcutsOpen) setShortcutsOpen(false);
        else if (dictation.getState().phase !== 'idle') void dictation.cancel();
        return;
      }
      if (overlayParam || onControl(e.target) || e.ctrlKey || e.metaKey) return;
      if (e.altKey) {
        if (e.code === 'KeyC') {
          const result = dictation.getState().result;
          if (result?.code) {
            e.preventDefault();
            void dictation.copy(result.code);
          }
        }
        return;
      }
      if (e.key === ' ' && tab === 'dictation') {
        e.preventDefault();
        if (e.repeat || spaceHeld) return;
        if (toggle()) {
          void (dictation.voiceActive ? dictation.stopVoice() : dictation.startVoice());
          return;
        }
        spaceHeld = true;
        void dictation.startVoice();
      } else if (e.key === '?') {
        e.preventDefault();
        setShortcutsOpen(true);
      } else if (e.key === '/' && tab === 'dictation') {
        e.preventDefault();
        document.getElementById('text-request-input')?.focus();
      }
    };
    const onKeyUp = (e: KeyboardEvent): void => {
      if (e.key !== ' ' || !spaceHeld) return;
      spaceHeld = false;
      void dictation.stopVoice();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [dictation, settings, overlayParam, tab, shortcutsOpen]);

  // A finished request lands in history: refresh the list when it is open or next opened.
  const dictationState = useStore(dictation);
  useEffect(() => {
    if (dictationState.phase === 'done' && tab === 'history') void history.search();
  }, [dictationState.phase, tab, history]);

  const budgets = budgetsFrom(settingsState.settings);
  const noticeAccepted = noticeSeen || getPath(settingsState.settings, 'privacy.noticeAccepted') === true;
  const acceptNotice = (): void => {
    setFlag(PREF_NOTICE_SEEN, true);
    setNoticeSeen(true);
    api.call('settings.update', { patch: { privacy: { noticeAccepted: true } } }).catch(() => undefined);
  };
  const finishOnboarding = (): void => {
    setFlag(PREF_ONBOARDED, true);
    setOnboarded(true);
    setTab('dictation');
  };
  const saveKey = async (key: string): Promise<boolean> => {
    const ok = await settings.setApiKey(key);
    if (ok) loadInfo();
    return ok;
  };
  const openSettings = (): void => setTab('settings');
  const showOnboarding = !onboarded && !overlayParam;
  const activeTab: ViewKey = overlayParam ? 'dictation' : tab;

  // The overlay is its own compact HUD: one state at a time, sized by main to what it shows.
  if (overlayParam) {
    return (
      <div className="app is-compact is-overlay">
        <OverlayHud controller={dictation} info={info} onOpenSettings={openSettings} {...(overlayActions ? { actions: overlayActions } : {})} />
      </div>
    );
  }

  return (
    <div className={`app${compact ? ' is-compact' : ''}`}>
      <header className="app-header">
        <h1>Voice CodeGen</h1>
        {info?.simulated ? <span className="badge badge-sim">simulated Gemini</span> : null}
        {info?.host === 'web' && !compact ? <span className="badge">browser mode</span> : null}
        {!showOnboarding ? <Tabs items={TABS} selected={activeTab} onSelect={setTab} label="Views" /> : null}
      </header>
      {memory && memory.level !== 'normal' ? (
        <p className={`banner banner-${memory.level}`} role="status">
          Memory {memory.level}: {Math.round(memory.usage * 100)}% in use.{' '}
          {memory.level === 'critical' ? 'New requests are refused until memory is freed.' : 'Caches are being trimmed.'}
        </p>
      ) : null}
      {critical ? (
        <div className="banner banner-critical banner-row" role="alert">
          <span>{critical.message}</span>
          <button type="button" className="button ghost" onClick={() => setCritical(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <main className="app-main">
        {infoError ? (
          <p className="banner banner-critical" role="alert">
            {infoError}
          </p>
        ) : null}
        {info?.dataDirNotice ? (
          <p className="banner banner-warning" role="alert">
            {info.dataDirNotice}
          </p>
        ) : null}
        {info?.note && !compact && !noteDismissed ? (
          <p className="note note-row">
            <span>{info.note}</span>
            <button
              type="button"
              className="button ghost"
              aria-label="Dismiss the browser mode notice"
              onClick={() => {
                setFlag(PREF_NOTE_DISMISSED, true);
                setNoteDismissed(true);
              }}
            >
              ×
            </button>
          </p>
        ) : null}
        {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
        {showOnboarding ? (
          <OnboardingView info={info} onSaveKey={saveKey} keyStatus={settingsState.keyStatus} onDone={finishOnboarding} />
        ) : (
          <div role="tabpanel" id={`panel-${activeTab}`} aria-labelledby={`tab-${activeTab}`} className="panel">
            {activeTab === 'dictation' ? (
              <DictationView controller={dictation} info={info} budgets={budgets} compact={compact} showNotice={!noticeAccepted} onAcceptNotice={acceptNotice} onOpenSettings={openSettings} onAddTerm={(term, spoken) => personal.add(term, spoken)} />
            ) : null}
            {activeTab === 'history' ? <HistoryView controller={history} budgets={budgets} onCopy={(text) => copyText(api, text)} /> : null}
            {activeTab === 'dashboard' ? (
              <LazyBoundary label="the dashboard">
                <LazyDashboardView controller={dashboard} budgets={budgets} />
              </LazyBoundary>
            ) : null}
            {activeTab === 'settings' ? <SettingsView controller={settings} hasApiKey={info?.hasApiKey ?? false} onApiKeySaved={loadInfo} personal={personal} /> : null}
          </div>
        )}
      </main>
    </div>
  );
}
