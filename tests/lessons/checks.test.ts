// Replays each lesson's solution against a fresh simulated cluster and asserts that every
// <Check> of the lesson passes at the step where a learner following the prose reaches it, and
// not before: a check that could never pass (or passes from the start) is a broken lesson.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { createShell } from '../../src/shell/index.ts';
import { evaluateCheck, kubectlThroughShell, type CheckDefinition } from '../../src/ui/checks.ts';

const lessonsDir = new URL('../../content/lessons/', import.meta.url);
const dbCluster = readFileSync(
  new URL('../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);

/** The <Check> elements of an MDX file, with their attributes. */
function checksOf(mdx: string): CheckDefinition[] {
  return [...mdx.matchAll(/<Check\b([^>]*)>/g)].map((found) => {
    const attributes: Record<string, string> = {};
    for (const pair of (found[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
      attributes[pair[1] ?? ''] = pair[2] ?? '';
    }
    return { ...attributes, id: attributes['id'] ?? '' };
  });
}

/** How the rolling-updates lesson changes db-cluster's image. */
const setImage = (image: string) => `set image statefulset/db-cluster database=${image}`;

/** A learner's path through each lesson: commands, then the checks that pass after them. */
const SOLUTIONS: Record<string, { run: string[]; passes: string[] }[]> = {
  'what-is-a-statefulset': [
    { run: [], passes: [] },
    { run: ['apply -f db-cluster.yaml'], passes: ['applied'] },
    { run: ['scale sts db-cluster --replicas=2'], passes: ['claim-outlives-pod'] },
  ],
  'ordered-pods': [
    { run: [], passes: [] },
    { run: ['apply -f db-cluster.yaml'], passes: ['three-ready'] },
    { run: ['scale statefulset db-cluster --replicas=5'], passes: ['five-ready'] },
    { run: ['scale statefulset db-cluster --replicas=2'], passes: ['down-to-two'] },
  ],
  'network-identity': [
    // The lesson's workspace starts with db-cluster running (scenario db-cluster-running).
    { run: ['apply -f db-cluster.yaml'], passes: [] },
    // The learner types `nslookup db-cluster-0.db-service` in the busybox shell; only kubectl runs
    // here, so this is the one-line form of the same lookup, which `ran` accepts as well.
    {
      run: [
        'run dns-test --image=busybox:1.28 --restart=Never --rm -i -q -- nslookup db-cluster-0.db-service',
      ],
      passes: ['pod-dns'],
    },
    { run: ['describe service db-service'], passes: ['read-endpoints'] },
    { run: ['delete pod db-cluster-0'], passes: ['replaced-pod'] },
  ],
  'rolling-updates': [
    // The lesson's workspace starts with db-cluster running (scenario db-cluster-running).
    { run: ['apply -f db-cluster.yaml'], passes: [] },
    { run: [setImage('my-database-image:v2')], passes: ['rolled-out'] },
    { run: ['rollout undo sts/db-cluster'], passes: ['rolled-back'] },
    {
      run: [
        `patch statefulset db-cluster -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'`,
        setImage('my-database-image:v2'),
      ],
      passes: ['canary'],
    },
    {
      run: [
        `patch statefulset db-cluster -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'`,
      ],
      passes: [],
    },
    { run: [setImage('my-databse-image:v3')], passes: [] },
    { run: ['rollout undo sts/db-cluster'], passes: [] },
    { run: ['delete pod db-cluster-2'], passes: ['recovered'] },
    {
      run: [
        `patch statefulset db-cluster -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`,
        setImage('my-database-image:v3'),
      ],
      passes: [],
    },
    { run: ['delete pod db-cluster-1'], passes: ['on-delete'] },
  ],
  storage: [
    // The lesson's workspace starts with db-cluster running (scenario db-cluster-running).
    { run: ['apply -f db-cluster.yaml'], passes: [] },
    { run: [`exec db-cluster-1 -- sh -c 'echo hello > /var/lib/database/note.txt'`], passes: [] },
    { run: ['delete pod db-cluster-1'], passes: ['data-survived'] },
    { run: ['scale sts db-cluster --replicas=1'], passes: ['claims-kept'] },
    { run: ['scale sts db-cluster --replicas=3'], passes: [] },
    {
      run: [
        `patch sts db-cluster -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}'`,
      ],
      passes: [],
    },
    { run: ['scale sts db-cluster --replicas=1'], passes: ['claims-deleted-on-scale'] },
    { run: ['scale sts db-cluster --replicas=3'], passes: [] },
    { run: ['delete sts db-cluster'], passes: [] },
    { run: ['delete pvc -l app=database'], passes: ['cleaned-up'] },
  ],
  'node-failure': [
    // The lesson's workspace starts with db-cluster running (scenario db-cluster-running). With
    // this test's seed db-cluster-1 runs on kind-worker (kind-worker2 in the browser's seed), so
    // that is the node to stop, as the lesson tells a learner whose pod is elsewhere. Running the
    // cluster until idle goes past both the node monitor grace period and the 300 s toleration.
    { run: ['apply -f db-cluster.yaml'], passes: [] },
    { run: ['docker stop kind-worker'], passes: ['node-not-ready', 'stuck-terminating'] },
    {
      run: ['delete pod db-cluster-1 --force --grace-period=0'],
      passes: ['pending-on-pinned-volume'],
    },
    { run: ['docker start kind-worker'], passes: ['back-running'] },
    // Planned maintenance. The lesson's second drain blocks on the budget until the learner
    // presses Ctrl+C, so it is not replayed here; the uncordon is.
    { run: ['create pdb db-cluster --selector=app=database --max-unavailable=1'], passes: [] },
    { run: ['drain kind-worker3 --ignore-daemonsets --delete-emptydir-data'], passes: [] },
    { run: ['uncordon kind-worker3'], passes: [] },
  ],
};

const lessonIds = readdirSync(lessonsDir)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.slice(0, -'.mdx'.length));

describe('lesson checks against the lesson’s own solution', () => {
  it('every lesson with checks has a solution here', () => {
    for (const id of lessonIds) {
      const checks = checksOf(readFileSync(new URL(`${id}.mdx`, lessonsDir), 'utf8'));
      if (checks.length > 0) expect(Object.keys(SOLUTIONS), id).toContain(id);
    }
  });

  for (const [id, steps] of Object.entries(SOLUTIONS)) {
    it(`${id}: each check passes where the prose says, not earlier`, async () => {
      const checks = checksOf(readFileSync(new URL(`${id}.mdx`, lessonsDir), 'utf8'));
      expect(checks.map((check) => check.id).sort()).toEqual(
        steps.flatMap((step) => step.passes).sort(),
      );
      const cluster = createCluster({ seed: 7 });
      // The learner's commands and the checks both go through a shell, as in the workspace.
      const shell = () =>
        createShell({
          cluster,
          readFile: (name) => (name === 'db-cluster.yaml' ? dbCluster : undefined),
        });
      const learner = shell();
      const kubectl = kubectlThroughShell(shell());
      const commands: string[] = [];
      const passed = new Set<string>();
      for (const step of steps) {
        for (const line of step.run) {
          // A step is a kubectl argument list, except that a line starting with `docker ` or
          // `sleep ` is a whole command of its own (the node-failure lesson stops and starts a
          // node with the workspace's docker) and runs as is.
          const command = /^(docker|sleep) /.test(line) ? line : `kubectl ${line}`;
          commands.push(command);
          const result = await learner.run(command);
          // A force delete prints kubectl's warning on stderr, and a drain the warning about the
          // DaemonSet pods it leaves (kindnet, kube-proxy); anything else must print nothing.
          if (/ --force\b/.test(line))
            expect(result.stderr, line).toMatch(/^Warning: Immediate deletion does not wait/);
          else if (/^drain .*--ignore-daemonsets/.test(line))
            expect(result.stderr, line).toMatch(
              /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kindnet-[a-z0-9]{5}, kube-system\/kube-proxy-[a-z0-9]{5}\n(error when evicting .*\n)*$/,
            );
          else expect(result.stderr, line).toBe('');
        }
        cluster.runUntilIdle(600_000);
        for (const check of checks) {
          if (!passed.has(check.id) && (await evaluateCheck(check, kubectl, commands)))
            passed.add(check.id);
        }
        expect([...passed].sort(), `after: ${step.run.join('; ') || 'nothing'}`).toEqual(
          steps
            .slice(0, steps.indexOf(step) + 1)
            .flatMap((each) => each.passes)
            .sort(),
        );
      }
    });
  }
});
