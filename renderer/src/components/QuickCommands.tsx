// Quick commands on the clipboard's code (the tray's list, also in the window): explain, add types, tests, fix, document.
import type { QuickCommand } from '../../../preload/contract';

const COMMANDS: ReadonlyArray<{ command: QuickCommand; label: string }> = [
  { command: 'explain', label: 'Explain' },
  { command: 'add_types', label: 'Add types' },
  { command: 'generate_test', label: 'Write tests' },
  { command: 'fix_error', label: 'Fix the error' },
  { command: 'document', label: 'Document' },
];

export function QuickCommands({ onRun, disabled = false }: { onRun: (command: QuickCommand) => void; disabled?: boolean }) {
  return (
    <div className="quick-commands" role="group" aria-labelledby="quick-commands-title">
      <span id="quick-commands-title" className="field-label">
        On the code you copied
      </span>
      <div className="quick-commands-row">
        {COMMANDS.map(({ command, label }) => (
          <button key={command} type="button" className="button ghost" disabled={disabled} onClick={() => onRun(command)}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
