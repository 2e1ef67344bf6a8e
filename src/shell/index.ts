/** The shell's public API: a shell bound to a cluster, and the line splitter. */
export { createShell } from './shell.ts';
export type { Shell, ShellOptions } from './shell.ts';
export { splitLine } from './words.ts';
export type { SimpleCommand, SplitResult, Joiner } from './words.ts';
export { DrivenWaiter } from './driven-waiter.ts';
export type { Ticks } from './driven-waiter.ts';
