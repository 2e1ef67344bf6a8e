// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { offline } from './src/integrations/offline.ts';

/**
 * BASE_PATH lets the same sources build for the root of a host (`/`) or a sub-path
 * (`/statefulset-lab/`). Every internal link and asset goes through `import.meta.env.BASE_URL`,
 * so the built `dist/` works wherever it is copied.
 */
const base = process.env.BASE_PATH ?? '/';
/** OUT_DIR lets the test suite build the root and the sub-path variants side by side. */
const outDir = process.env.OUT_DIR ?? './dist';

export default defineConfig({
  output: 'static',
  outDir,
  base,
  // Lesson URLs end in a slash (`/lessons/<slug>/`) so that relative links and static hosts agree.
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), offline()],
  markdown: {
    // Both palettes are written into the HTML; global.css picks one to match the site theme.
    shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' } },
  },
  // The site makes no request to anything but its own files.
  prefetch: false,
  vite: {
    build: {
      // Monaco (core and editor features) is one ~3.2 MB chunk; it loads only when an editor scrolls into view.
      chunkSizeWarningLimit: 3400,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Astro's own MDX marker, harmless and reported upstream (withastro/astro#18087).
          if (
            warning.code === 'MODULE_LEVEL_DIRECTIVE' &&
            warning.message.includes('astro:head-inject')
          )
            return;
          warn(warning);
        },
      },
    },
  },
  devToolbar: { enabled: false },
});
