// monaco-yaml's language worker, re-exported from our own module so the bundler treats it as a
// worker entry of this project (the workaround monaco-yaml documents for Vite).
import 'monaco-yaml/yaml.worker.js';
