/**
 * Loads Monaco with only what the site needs: the editor core, YAML highlighting and the YAML
 * language service from monaco-yaml, fed by the schema of the kinds the simulator serves. The full
 * `monaco-editor` entry would pull in every language and a 7 MB TypeScript worker.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
// The editor's own features (find, hover, suggestions, folding, go to line …): the API module
// alone is a bare text area without them.
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/quickAccess/standaloneCommandsQuickAccess.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { manifestJsonSchema } from '../../sim/api/schema/index.ts';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

/*
 * Monaco cancels in-flight work (word highlights, hovers) when the editor switches models, and
 * some of those cancellations surface as unhandled promise rejections named "Canceled". They are
 * expected and harmless; VS Code filters them the same way (isCancellationError).
 */
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled') {
    event.preventDefault();
  }
});

window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  // Schemas ship with the site: never fetch one.
  enableSchemaRequest: false,
  hoverSchemaSource: false,
  isKubernetes: true,
  format: { enable: false },
  schemas: [
    {
      uri: 'sts-lab://schemas/kubernetes-1.35.json',
      fileMatch: ['**/*.yaml', '**/*.yml'],
      schema: manifestJsonSchema(),
    },
  ],
});

/*
 * Monaco's own palettes with one change: the dark theme's comment green (#608b4e on #1e1e1e,
 * 4.2:1) is below WCAG AA, so comments get a lighter green (about 5.9:1).
 */
monaco.editor.defineTheme('sts-lab-light', { base: 'vs', inherit: true, rules: [], colors: {} });
monaco.editor.defineTheme('sts-lab-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '7ca668' }],
  colors: {},
});

export { monaco };
