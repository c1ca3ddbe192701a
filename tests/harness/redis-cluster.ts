import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import { freePort, startEmbeddedRedis, type EmbeddedRedis } from '@dais/server';

const run = promisify(execFile);

export interface TestCluster {
  /** The masters' addresses, e.g. for REDIS_CLUSTER or ioredis' Cluster. */
  nodes: { host: string; port: number }[];
  /** A cluster client for the test's own reads (closed by `stop`). */
  client: Cluster;
  /** The port of the master that serves a key's slot. */
  masterOf(key: string): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A local Redis Cluster of `masters` redis-server processes (cluster mode on free
 * ports, each with its own data dir and cluster bus port), joined with
 * `redis-cli --cluster create` and no replicas. Resolves once every node says ok.
 */
export async function startRedisCluster(masters = 3): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'dais-cluster-'));
  const servers: EmbeddedRedis[] = [];
  let client: Cluster | undefined;
  const stop = async () => {
    client?.disconnect();
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) {
      const busPort = await freePort();
      servers.push(
        await startEmbeddedRedis(join(dir, `node-${i}`), undefined, [
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-port',
          String(busPort),
        ]),
      );
    }
    const nodes = servers.map((server) => ({ host: '127.0.0.1', port: server.port }));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes.map(({ host, port }) => `${host}:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await Promise.all(nodes.map(({ port }) => untilClusterOk(port, masters)));
    const test = new Cluster(nodes);
    client = test;
    return {
      nodes,
      client: test,
      masterOf: async (key) => {
        const slot = await test.cluster('KEYSLOT', key);
        const shards = await test.cluster('SLOTS');
        const [, , master] = shards.find(([from, to]) => slot >= from && slot <= to) ?? [];
        if (!master) throw new Error(`no master serves slot ${slot}`);
        return master[1];
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the node knows every master and sees every slot served (gossip takes a moment). */
async function untilClusterOk(port: number, masters: number) {
  const redis = new Redis(port, '127.0.0.1');
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const info = await redis.cluster('INFO');
      if (info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${masters}`)) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`cluster node on port ${port} never reached cluster_state:ok`);
  } finally {
    redis.disconnect();
  }
}
