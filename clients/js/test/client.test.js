import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, HeraldError, resubscribeFrames } from '../herald-client.js';
import { startNode, adminToken, serviceToken, jwt, until, freePort } from './node.js';

let node;
const customer = randomUUID();
const event = (type, id, data = {}) => ({ type, topic: `customer_id:${customer}:call:${id}`, data });

before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

test('subscribe resolves with the canonical topics, and events reach type and * handlers', async () => {
  const client = connect(node.wsUrl, { token: adminToken(node.secret, customer) });
  try {
    const topics = await client.subscribe(['call']);
    assert.deepEqual(topics, [`customer_id:${customer}:call`]);
    const typed = [];
    const all = [];
    client.on('call_updated', (e) => typed.push(e));
    client.on('*', (e) => all.push(e));
    assert.equal(await node.publish(serviceToken(node.secret), [event('call_updated', 1, { n: 1 }), event('call_ended', 1)]), 202);
    await until(() => all.length === 2, 10000, 'two events');
    assert.deepEqual(typed.map((e) => e.data), [{ n: 1 }]);
    assert.deepEqual(all.map((e) => e.type), ['call_updated', 'call_ended']);
    assert.equal(client.state, 'open');
  } finally {
    client.close();
  }
});

test('a refused subscription rejects with the reason; refused topics beside accepted ones go to onError', async () => {
  const client = connect(node.wsUrl, { token: adminToken(node.secret, customer) });
  try {
    const other = `customer_id:${randomUUID()}:call`;
    await assert.rejects(client.subscribe([other]), (e) => e instanceof HeraldError && e.reason === 'PERMISSION_DENIED');
    const errors = [];
    client.onError((e) => errors.push(e));
    assert.deepEqual(await client.subscribe(['queue', 'bad topic']), [`customer_id:${customer}:queue`]);
    await until(() => errors.length === 1, 10000, 'the INVALID_TOPIC error');
    assert.equal(errors[0].reason, 'INVALID_TOPIC');
    assert.deepEqual(errors[0].topics, ['bad topic']);
    assert.deepEqual(await client.unsubscribe(['queue']), [`customer_id:${customer}:queue`]);
  } finally {
    client.close();
  }
});

test('bad credentials close the client for good, with the reason, and no reconnect', async () => {
  const states = [];
  const client = connect(node.wsUrl, { token: jwt('not-the-secret-0123456789-abcdefghijk', { type: 'service' }), minDelayMs: 10 });
  client.onState((state, detail) => states.push([state, detail.error && detail.error.reason]));
  const pending = client.subscribe(['call']);
  await assert.rejects(pending, (e) => e.reason === 'INVALID_CREDENTIALS');
  assert.equal(client.state, 'closed');
  assert.deepEqual(states, [['closed', 'INVALID_CREDENTIALS']]);
});

test('a node restart: the client reconnects with a fresh token and re-subscribes what it held', async () => {
  const restartable = await startNode();
  let tokensAsked = 0;
  const states = [];
  const client = connect(restartable.wsUrl, {
    token: adminToken(restartable.secret, customer), minDelayMs: 50, maxDelayMs: 500,
    getToken: async () => { tokensAsked += 1; return adminToken(restartable.secret, customer); },
  });
  client.onState((state, detail) => states.push([state, detail.code]));
  let second;
  try {
    await client.subscribe(['call']);
    const received = [];
    client.on('*', (e) => received.push(e));
    await restartable.stop(); // SIGTERM: the node drains, closing sockets with 1001
    await until(() => client.state === 'reconnecting', 10000, 'reconnecting');
    second = await startNode({ port: restartable.port, secret: restartable.secret });
    await until(() => client.state === 'open', 30000, 'open again');
    // Open is not yet subscribed: publish until the re-subscription is acknowledged and an event arrives.
    const deadline = Date.now() + 10000;
    while (received.length === 0 && Date.now() < deadline) {
      assert.equal(await second.publish(serviceToken(second.secret), event('call_updated', 2)), 202);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(received.length > 0, 'an event published after the restart arrived');
    assert.ok(tokensAsked >= 1, 'getToken was asked before reconnecting');
    assert.deepEqual(states.find(([state]) => state === 'reconnecting'), ['reconnecting', 1001]);
    assert.ok(!states.some(([state]) => state === 'closed'));
  } finally {
    client.close();
    if (second) await second.stop();
  }
});

test('subscriptions made while disconnected are sent once the connection opens', async () => {
  const client = connect(node.wsUrl, { token: adminToken(node.secret, customer) });
  try {
    assert.equal(client.state, 'connecting');
    assert.deepEqual(await client.subscribe(['agent']), [`customer_id:${customer}:agent`]);
  } finally {
    client.close();
  }
});

test('a rolling restart: the client resumes on the other node with every event once, in order', async () => {
  const secret = randomBytes(32).toString('base64url');
  const stream = randomUUID();
  const [hazelcastA, hazelcastB] = [await freePort(), await freePort()];
  const cluster = { HERALD_CLUSTER: 'true', HERALD_CLUSTER_NAME: `js-${randomUUID()}`,
    HERALD_CLUSTER_HOST: '127.0.0.1', HERALD_HISTORY_ENABLED: 'true', HERALD_EVENT_LOOPS: '1' };
  const a = await startNode({ secret, env: { ...cluster, HERALD_CLUSTER_PORT: String(hazelcastA) } });
  const b = await startNode({ secret, env: { ...cluster, HERALD_CLUSTER_PORT: String(hazelcastB),
    HERALD_CLUSTER_MEMBERS: `127.0.0.1:${hazelcastA}` } });
  let target = a; // what a load balancer would do: send the reconnect to a node that is up
  const client = connect(() => target.wsUrl, { token: adminToken(secret, stream), minDelayMs: 50, maxDelayMs: 200 });
  const received = [];
  const resets = [];
  const states = [];
  client.on('call_updated', (e) => received.push(e));
  client.onReset((position) => resets.push(position));
  client.onState((state, detail) => states.push([state, detail.code]));
  try {
    await client.subscribe(['call']);
    const total = 200;
    const publishing = (async () => {
      for (let i = 0; i < total; i++) {
        const body = { type: 'call_updated', topic: `customer_id:${stream}:call:${i}`, data: i };
        assert.equal(await b.publish(serviceToken(secret), body), 202);
      }
    })();
    await until(() => received.length >= 50, 20000, '50 events before the restart');
    target = b;
    await a.stop(); // SIGTERM: a drain frame with the position, then 1001
    await publishing;
    await until(() => received.length >= total, 20000, 'every event');
    assert.deepEqual(received.map((e) => e.offset), Array.from({ length: total }, (_, i) => i + 1));
    assert.deepEqual(received.map((e) => e.data), Array.from({ length: total }, (_, i) => i));
    assert.equal(new Set(received.map((e) => e.epoch)).size, 1);
    assert.deepEqual(resets, []);
    assert.deepEqual(states.find(([state]) => state === 'reconnecting'), ['reconnecting', 1001]);
    assert.deepEqual(client.position, { offset: total, epoch: received[0].epoch });
  } finally {
    client.close();
    await b.stop();
    await a.stop();
  }
});

test('a reconnect resumes with as many held topics in its first frame as a message may carry', () => {
  const topic = () => `customer_id:${randomUUID()}:call:${randomUUID()}`; // 87 characters
  const position = { offset: 41, epoch: randomUUID() };
  const six = Array.from({ length: 600 }, topic);
  assert.deepEqual(resubscribeFrames(six, position), [{ type: 'subscribe', topics: six, since: position }]);

  const many = Array.from({ length: 2000 }, topic);
  const frames = resubscribeFrames(many, position);
  assert.deepEqual(frames.flatMap((f) => f.topics), many);
  assert.ok(frames[0].topics.length > 600, `first frame holds ${frames[0].topics.length}`);
  assert.deepEqual(frames.map((f) => f.since), [position, ...frames.slice(1).map(() => undefined)]);
  for (const frame of frames) { // as sent: with a request id, under the node's 64 KiB limit
    assert.ok(Buffer.byteLength(JSON.stringify({ ...frame, id: 'r123456' })) <= 64 * 1024);
  }
  assert.equal(resubscribeFrames(six, null)[0].since, undefined);
  assert.deepEqual(resubscribeFrames([], position), []);
});

test('the node takes a subscribe frame packed to that limit', async () => {
  const held = Array.from({ length: 800 }, () => `customer_id:${customer}:call:${randomUUID()}`);
  const [first] = resubscribeFrames(held, null);
  assert.ok(first.topics.length > 600 && first.topics.length < held.length, `${first.topics.length} topics`);
  const client = connect(node.wsUrl, { token: adminToken(node.secret, customer) });
  try {
    assert.deepEqual(await client.subscribe(first.topics), first.topics);
  } finally {
    client.close();
  }
});
