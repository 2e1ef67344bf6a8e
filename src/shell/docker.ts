/**
 * A small `docker` for the simulated kind cluster. On kind every node is a docker container, and
 * the usual way to make a node fail is `docker stop kind-worker2` (and `docker start` to bring it
 * back): here those stop and start the simulated node's kubelet (the simulator's node-down
 * fault). Output follows the docker CLI: each container name on success, the daemon's error for
 * an unknown one. Other docker subcommands exist in real docker but not here, and say so.
 */
import type { Cluster } from '../sim/index.ts';

interface DockerIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const SUPPORTED = ['stop', 'kill', 'start', 'restart'] as const;
type Action = (typeof SUPPORTED)[number];

const USAGE: Record<Action, string> = {
  stop: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]\n\nStop one or more running containers',
  kill: 'docker kill [OPTIONS] CONTAINER [CONTAINER...]\n\nKill one or more running containers',
  start: 'docker start [OPTIONS] CONTAINER [CONTAINER...]\n\nStart one or more stopped containers',
  restart: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]\n\nRestart one or more containers',
};

const isAction = (word: string): word is Action => (SUPPORTED as readonly string[]).includes(word);

/** The kind nodes this cluster has, by name (each is a "container"). */
function nodeNames(cluster: Cluster): string[] {
  const nodes = cluster.list('Node');
  return nodes.ok ? nodes.object.map((node) => node.metadata.name) : [];
}

/** Runs `docker ARGS`; returns the exit status. */
export function docker(args: readonly string[], io: DockerIo, cluster: Cluster): number {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(
      'Usage:  docker COMMAND\n\n' +
        'In this simulated kind cluster, docker knows the node containers only:\n' +
        '  stop, kill     stop a node (its kubelet stops reporting)\n' +
        '  start          start a stopped node again\n' +
        '  restart        stop and start a node\n\n' +
        `Nodes: ${nodeNames(cluster).join(', ')}\n`,
    );
    return 0;
  }
  if (!isAction(sub)) {
    io.err(
      `docker: '${sub}' is not available in this simulated kind cluster; ` +
        'it knows docker stop, kill, start and restart of its nodes.\n',
    );
    return 1;
  }
  const names = rest.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) {
    io.err(
      `"docker ${sub}" requires at least 1 argument.\nSee 'docker ${sub} --help'.\n\nUsage:  ${USAGE[sub]}\n`,
    );
    return 1;
  }
  const nodes = new Set(nodeNames(cluster));
  const failed: string[] = [];
  for (const name of names) {
    if (!nodes.has(name)) {
      io.err(`Error response from daemon: No such container: ${name}\n`);
      failed.push(name);
      continue;
    }
    if (name.endsWith('control-plane')) {
      // Stopping it would take the API server down with it, which this simulator does not model.
      io.err(
        `sts-lab: stopping ${name} would stop the API server itself; in this simulated cluster only worker nodes can be stopped\n`,
      );
      failed.push(name);
      continue;
    }
    const fault = { kind: 'node-down', node: name } as const;
    if (sub === 'stop' || sub === 'kill') cluster.injectFault(fault);
    else if (sub === 'start') cluster.clearFault(fault);
    else {
      cluster.injectFault(fault);
      cluster.clearFault(fault);
    }
    io.out(`${name}\n`);
  }
  if (failed.length > 0 && sub === 'start') {
    io.err(`Error: failed to start containers: ${failed.join(', ')}\n`);
  }
  return failed.length > 0 ? 1 : 0;
}
