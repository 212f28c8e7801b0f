// The terminal list and the terminal text rule live with the profiles (main/profiles/terminal-apps.ts); re-exported for the paste path.
export { DEFAULT_TERMINAL_APPS, isTerminal, matchesApp, textForTerminal } from '../../../profiles/terminal-apps.js';
