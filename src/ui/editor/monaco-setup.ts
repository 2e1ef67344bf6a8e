/**
 * Loads Monaco with only what the site needs: the editor core, YAML highlighting and the YAML
 * language service from monaco-yaml, fed by the schema of the kinds the simulator serves. The full
 * `monaco-editor` entry would pull in every language and a 7 MB TypeScript worker.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
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

export { monaco };
