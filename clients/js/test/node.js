// Test support: a real Herald node (target/herald.jar) on 127.0.0.1, and HS256 tokens for it.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const JAR = process.env.HERALD_JAR || path.join(here, '..', '..', '..', 'target', 'herald.jar');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts a node and resolves once /health/ready answers 200 (60 s at most). With demo: true the
 * node gets no secret, so it runs in demo mode and makes its own tokens; env adds settings.
 */
export async function startNode({ port, secret, demo = false, env: extra = {} } = {}) {
  port = port || (await freePort());
  secret = demo ? undefined : secret || randomBytes(32).toString('base64url');
  const env = { ...process.env, HERALD_HTTP_HOST: '127.0.0.1', HERALD_HTTP_PORT: String(port),
    HERALD_SHUTDOWN_GRACE_MS: '1000' };
  delete env.HERALD_JWT_SECRET;
  if (secret) env.HERALD_JWT_SECRET = secret;
  Object.assign(env, extra);
  const child = spawn('java', ['-Xmx256m', '-jar', JAR], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited: ${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const base = `127.0.0.1:${port}`;
  return {
    port, secret, child,
    wsUrl: `ws://${base}/v1.0/ws`,
    httpUrl: `http://${base}`,
    async publish(token, body) {
      const response = await fetch(`http://${base}/v1.0/events`, {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return response.status;
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

export function jwt(secret, claims) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

export function adminToken(secret, customer) {
  return jwt(secret, { type: 'agent', exp: inAnHour(),
    agent: { id: randomUUID(), customer_id: customer, permission: 0x20 } });
}

export function serviceToken(secret) {
  return jwt(secret, { type: 'service', service: 'js-test', exp: inAnHour() });
}

/** Resolves when predicate() holds, polling every 20 ms; rejects after timeoutMs. */
export async function until(predicate, timeoutMs = 10000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
