import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, TabWriter, tabulate } from './tabwriter.ts';

describe('TabWriter (Go text/tabwriter semantics)', () => {
  it('pads every column but the last to max(minwidth, widest + padding)', () => {
    const text = 'NAME\tREADY\tAGE\nweb\t2/2\t37s\n';
    expect(tabulate(text, GET_TABWRITER)).toBe('NAME   READY   AGE\nweb    2/2     37s\n');
  });

  it('uses the minimum width of 6 for short columns', () => {
    expect(tabulate('a\tb\tc\n', GET_TABWRITER)).toBe('a     b     c\n');
  });

  it('breaks column blocks at lines without a tab (describe layout)', () => {
    const text = 'Name:\tweb\nCreationTimestamp:\tnow\nPod Template:\n  Labels:\tapp=nginx\n';
    expect(tabulate(text, DESCRIBE_TABWRITER)).toBe(
      'Name:               web\nCreationTimestamp:  now\nPod Template:\n  Labels:  app=nginx\n',
    );
  });

  it('pads a tab-terminated empty last cell (describe "StorageClass:" line)', () => {
    expect(tabulate('  Name:\twww\n  StorageClass:\t\n', DESCRIBE_TABWRITER)).toBe(
      '  Name:          www\n  StorageClass:  \n',
    );
  });

  it('counts code points, not UTF-16 units', () => {
    expect(tabulate('é\tx\n', { minWidth: 0, padding: 1 })).toBe('é x\n');
  });

  it('remembers widths across flushes so a watch never shrinks a column', () => {
    const w = new TabWriter(GET_TABWRITER);
    w.write('NAME\tSTATUS\tAGE\nweb-0\tPending\t0s\n');
    expect(w.flush()).toBe('NAME    STATUS    AGE\nweb-0   Pending   0s\n');
    w.write('web-0\tContainerCreating\t1s\n');
    expect(w.flush()).toBe('web-0   ContainerCreating   1s\n');
    w.write('web-0\tRunning\t2s\n');
    expect(w.flush()).toBe('web-0   Running             2s\n');
    w.resetWidths();
    w.write('web-0\tRunning\t2s\n');
    expect(w.flush()).toBe('web-0   Running   2s\n');
  });
});
