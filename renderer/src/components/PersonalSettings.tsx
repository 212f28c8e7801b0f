// Settings' personal part: the dictionary and the snippets, loaded when Settings opens.
import { useEffect } from 'react';
import type { PersonalController } from '../controllers/personal-controller';
import { useStore } from '../controllers/use-store';
import { DictionarySection } from './DictionarySection';
import { ErrorNotice } from './ErrorNotice';
import { SnippetsSection } from './SnippetsSection';

export function PersonalSettings({ controller }: { controller: PersonalController }) {
  const state = useStore(controller);
  useEffect(() => {
    void controller.load();
  }, [controller]);
  return (
    <div className="settings-top">
      {state.error ? <ErrorNotice error={state.error} onDismiss={() => controller.dismissError()} onRetry={() => void controller.load()} /> : null}
      <DictionarySection
        entries={state.entries}
        notice={state.notice}
        exported={state.exported}
        onAdd={(term, spoken) => controller.add(term, spoken)}
        onRemove={(term) => void controller.remove(term)}
        onImport={(text) => void controller.importText(text)}
        onExport={() => void controller.exportAll()}
      />
      <SnippetsSection snippets={state.snippets} notice={state.snippetNotice} onSave={(name, body) => controller.saveSnippet(name, body)} onRemove={(name) => void controller.removeSnippet(name)} />
    </div>
  );
}
