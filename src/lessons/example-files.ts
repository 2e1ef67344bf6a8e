/**
 * The course's example files (`content/files/*`), read at build time. Lessons show them and the
 * editor opens them, so both always agree.
 */
const files = import.meta.glob<string>('/content/files/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const prefix = '/content/files/';

/** Names of all example files, such as "db-cluster.yaml". */
export const exampleFileNames: readonly string[] = Object.keys(files).map((path) =>
  path.slice(prefix.length),
);

/** The text of an example file; throws a build error naming the known files when it is missing. */
export function exampleFile(name: string): string {
  const text = files[prefix + name];
  if (text === undefined) {
    throw new Error(
      `No example file "${name}" in content/files/ (have: ${exampleFileNames.join(', ')})`,
    );
  }
  return text;
}
