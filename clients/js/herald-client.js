// Herald JavaScript client: one WebSocket to a Herald node, subscriptions that survive reconnects.
// A dependency-free ES module for browsers and Node 20+ (run Node 20 with --experimental-websocket,
// or pass a WebSocket implementation in the options). See clients/js/README.md.

/** Handshake refusals after which trying again cannot help (docs/protocol.md). */
const TERMINAL_STATUSES = new Set([401, 403]);
/** Close codes that mean the client itself is wrong, so reconnecting would repeat it. */
const TERMINAL_CLOSE_CODES = new Set([1003, 1009]);
const TOKEN_EXPIRED = 4001;
const CONTROL_TYPES = new Set(['subscribed', 'unsubscribed', 'error', 'refreshed', 'drain']);
/**
 * Bytes of topics per subscribe frame, below the node's 64 KiB message limit with room for the
 * type, id and position. Only the first frame after a reconnect carries the position, and only
 * its topics are certain to be replayed, so it is packed as full as the limit allows.
 */
const TOPIC_BYTES_PER_FRAME = 60 * 1024;
const utf8 = new TextEncoder();

/** What close codes and reasons mean, in words, for people reading a console or a log. */
export const CLOSE_CODES = {
  1000: 'closed normally',
  1001: 'the node is shutting down; reconnecting elsewhere',
  1003: 'the client sent a binary frame; Herald speaks JSON text only',
  1006: 'the connection dropped without a close frame',
  1009: 'the client sent a message over 64 KiB',
  4001: 'the token expired',
  4002: 'no sign of life for 60 s',
  4008: 'slow consumer: 1 MiB of events was left unread',
};

export class HeraldError extends Error {
  constructor(reason, message, topics = []) {
    super(message || reason);
    this.name = 'HeraldError';
    this.reason = reason;
    this.topics = topics;
  }
}

/**
 * Opens a client. url: the WebSocket URL, or a function returning it, asked before every
 * connection attempt. Options: token (string), getToken (async () => string, asked before every
 * reconnect and after a token expiry), WebSocket (an implementation, default globalThis.WebSocket),
 * fetch (default globalThis.fetch), minDelayMs (500), maxDelayMs (30000), random (Math.random).
 */
export function connect(url, options = {}) {
  return new HeraldClient(url, options);
}

export class HeraldClient {
  constructor(url, options = {}) {
    this.url = url;
    this.state = 'connecting';
    this.attempt = 0;
    this.lastClose = null;
    this.token = options.token;
    this.getToken = options.getToken;
    this.WebSocketImpl = options.WebSocket || globalThis.WebSocket;
    // Bound: browsers refuse fetch called as a method of another object ("Illegal invocation").
    this.fetchImpl = options.fetch || (globalThis.fetch && globalThis.fetch.bind(globalThis));
    this.minDelayMs = options.minDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30000;
    this.random = options.random || Math.random;
    if (!this.WebSocketImpl) {
      throw new Error('no WebSocket implementation: run Node 20 with --experimental-websocket');
    }
    this.held = new Set(); // canonical topics the server acknowledged
    this.pending = new Map(); // request id -> {resolve, reject, topics, refused, kind}
    this.handlers = new Map(); // event type or '*' -> Set of handlers
    this.stateHandlers = new Set();
    this.errorHandlers = new Set();
    this.resetHandlers = new Set();
    // Where the client stands in its customer's stream ({offset, epoch}), when the node keeps
    // history: events, acks and drain frames move it on; reconnects resume from it.
    this.position = null;
    this.requests = 0;
    this.open();
  }

  /** Calls handler(event) for every event of that type, or of any type with '*'; returns off(). */
  on(type, handler) {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type).add(handler);
    return () => this.handlers.get(type).delete(handler);
  }

  /** Calls handler(state, detail) on every state change; returns off(). */
  onState(handler) {
    this.stateHandlers.add(handler);
    return () => this.stateHandlers.delete(handler);
  }

  /** Calls handler(HeraldError) for error frames no promise took, and for terminal refusals. */
  onError(handler) {
    this.errorHandlers.add(handler);
    return () => this.errorHandlers.delete(handler);
  }

  /**
   * Calls handler(position) when a resume could not recover what was missed (the history no
   * longer reaches back, or was lost): reload your state over the REST API, events continue.
   */
  onReset(handler) {
    this.resetHandlers.add(handler);
    return () => this.resetHandlers.delete(handler);
  }

  /**
   * Subscribes; resolves with the canonical topics the server acknowledged. Topics refused next
   * to accepted ones are reported through onError; when every topic is refused the promise
   * rejects with the HeraldError of the first reason.
   */
  subscribe(topics) {
    return this.request('subscribe', topics);
  }

  unsubscribe(topics) {
    return this.request('unsubscribe', topics);
  }

  /** Extends the connection with a fresh token; later reconnects use it too. */
  refresh(token) {
    this.token = token;
    return this.send({ type: 'refresh', token }, [], 'refresh');
  }

  /** Closes for good: no reconnect. */
  close() {
    this.setState('closed', { code: 1000, reason: CLOSE_CODES[1000] });
    clearTimeout(this.timer);
    if (this.socket) this.socket.close(1000, 'closed by the client');
    this.failPending(new HeraldError('CLOSED', 'the client was closed'));
  }

  request(kind, topics) {
    const list = Array.isArray(topics) ? topics : [topics];
    return this.send({ type: kind, topics: list }, list, kind);
  }

  send(frame, topics, kind) {
    if (this.state === 'closed') {
      return Promise.reject(new HeraldError('CLOSED', 'the client is closed'));
    }
    const id = `r${++this.requests}`;
    return new Promise((resolve, reject) => {
      const sent = this.state === 'open';
      this.pending.set(id, { resolve, reject, topics, refused: [], kind, sent, frame: { ...frame, id } });
      if (sent) this.socket.send(JSON.stringify({ ...frame, id }));
      // Otherwise it is sent once the connection (re)opens, after the re-subscriptions.
    });
  }

  async open() {
    if (this.state === 'closed') return;
    if (this.attempt > 0 && this.getToken) {
      try {
        this.token = await this.getToken();
      } catch (e) {
        this.emitError(new HeraldError('TOKEN_UNAVAILABLE', `getToken failed: ${e.message}`));
      }
    }
    const socket = new this.WebSocketImpl(withToken(this.currentUrl(), this.token));
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.setState('open');
      this.resubscribe();
    };
    socket.onmessage = (message) => this.dispatch(message.data);
    let ended = false;
    const end = (code) => {
      if (ended || this.socket !== socket) return;
      ended = true;
      this.afterClose(code, opened);
    };
    socket.onclose = (close) => end(close.code);
    // A refused handshake fires error and then close (1006) in browsers, but only error in
    // Node 20's WebSocket; either way it ends this attempt once.
    socket.onerror = () => { if (!opened) end(1006); };
  }

  currentUrl() {
    return typeof this.url === 'function' ? this.url() : this.url;
  }

  /**
   * Sends what the client held before a reconnect, then the requests made meanwhile. The first
   * frame resumes from the client's position: the node replays what the client missed.
   */
  resubscribe() {
    for (const frame of resubscribeFrames([...this.held], this.position)) {
      this.send(frame, frame.topics, 'resubscribe').catch((e) => this.emitError(e));
    }
    for (const [, request] of this.pending) {
      if (!request.sent) {
        request.sent = true;
        this.socket.send(JSON.stringify(request.frame));
      }
    }
  }

  dispatch(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // Herald only sends JSON; nothing else to do with anything else
    }
    if (!CONTROL_TYPES.has(frame.type)) { // publishers may not use these types
      if (Number.isInteger(frame.offset) && typeof frame.epoch === 'string') {
        this.advance({ offset: frame.offset, epoch: frame.epoch });
      }
      for (const key of [frame.type, '*']) {
        for (const handler of this.handlers.get(key) || []) handler(frame);
      }
      return;
    }
    if (frame.type === 'drain') { // the node is going: the 1001 close follows
      if (frame.position) this.advance(frame.position);
      return;
    }
    if (frame.type === 'subscribed' && frame.recovered === false) {
      this.position = frame.position || null; // a new start: what was missed is not coming
      for (const handler of this.resetHandlers) handler(this.position);
    } else if (frame.type === 'subscribed' && frame.position) {
      this.advance(frame.position);
    }
    const request = this.pending.get(frame.id);
    if (frame.type === 'error') {
      const error = new HeraldError(frame.reason, frame.message, frame.topics || []);
      if (request && (!frame.topics || frame.topics.length === 0
          || request.refused.push(...frame.topics) >= request.topics.length)) {
        this.pending.delete(frame.id); // nothing of the request took effect
        request.reject(error);
      } else {
        this.emitError(error); // refused next to accepted topics, or not ours
      }
      return;
    }
    if (!request) return;
    this.pending.delete(frame.id);
    if (frame.type === 'subscribed') frame.topics.forEach((t) => this.held.add(t));
    if (frame.type === 'unsubscribed') frame.topics.forEach((t) => this.held.delete(t));
    request.resolve(frame.topics || frame.expire);
  }

  /** Positions only move on: later in the same epoch, or into a new epoch. */
  advance(next) {
    const now = this.position;
    if (!now || now.epoch !== next.epoch || next.offset > now.offset) {
      this.position = { offset: next.offset, epoch: next.epoch };
    }
  }

  async afterClose(code, opened) {
    if (this.state === 'closed') return;
    for (const [id, request] of this.pending) {
      if (request.kind === 'resubscribe') {
        this.pending.delete(id); // made again from what is held, on the next open
        request.resolve([]);
      } else {
        request.sent = false; // sent again on the next open; subscribe and unsubscribe are idempotent
      }
    }
    this.lastClose = { code, reason: CLOSE_CODES[code] || `closed with code ${code}` };
    if (TERMINAL_CLOSE_CODES.has(code) || (code === TOKEN_EXPIRED && !this.getToken)) {
      return this.terminal(new HeraldError(`CLOSE_${code}`, this.lastClose.reason));
    }
    if (!opened) {
      // A browser shows a refused handshake only as code 1006; the same request without the
      // upgrade tells why (Herald answers 401/403 with the reason before it looks at the upgrade).
      const refusal = await this.probe();
      if (refusal && TERMINAL_STATUSES.has(refusal.status)) {
        return this.terminal(new HeraldError(refusal.reason, refusal.message));
      }
    }
    this.attempt += 1;
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** (this.attempt - 1));
    const delay = Math.round(this.random() * ceiling); // "full jitter"
    this.setState('reconnecting', { ...this.lastClose, attempt: this.attempt, delayMs: delay });
    this.timer = setTimeout(() => this.open(), delay);
  }

  async probe() {
    if (!this.fetchImpl) return null;
    try {
      const response = await this.fetchImpl(withToken(httpUrl(this.currentUrl()), this.token));
      const body = await response.json().catch(() => ({}));
      const error = body.error || {};
      return { status: response.status, reason: error.reason || `HTTP_${response.status}`, message: error.message };
    } catch {
      return null; // the node is not reachable: keep trying
    }
  }

  terminal(error) {
    this.setState('closed', { ...(this.lastClose || {}), error });
    this.failPending(error);
    this.emitError(error);
  }

  failPending(error) {
    for (const [, request] of this.pending) request.reject(error);
    this.pending.clear();
  }

  setState(state, detail = {}) {
    if (this.state === state && state !== 'reconnecting') return;
    this.state = state;
    for (const handler of this.stateHandlers) handler(state, detail);
  }

  emitError(error) {
    for (const handler of this.errorHandlers) handler(error);
  }
}

function withToken(url, token) {
  if (!token) return url;
  const u = new URL(url);
  u.searchParams.set('token', token);
  return u.toString();
}

function httpUrl(url) {
  const u = new URL(url);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u.toString();
}

/**
 * The subscribe frames that bring back the `held` topics after a reconnect: as few as the
 * message limit allows, the first resuming from `position` (when there is one).
 */
export function resubscribeFrames(held, position, budget = TOPIC_BYTES_PER_FRAME) {
  const frames = [];
  let topics = [];
  let bytes = 0;
  for (const topic of held) {
    const size = utf8.encode(JSON.stringify(topic)).length + 1; // the comma
    if (topics.length > 0 && bytes + size > budget) {
      frames.push(topics);
      topics = [];
      bytes = 0;
    }
    topics.push(topic);
    bytes += size;
  }
  if (topics.length > 0) frames.push(topics);
  return frames.map((chunk, i) => (i === 0 && position
    ? { type: 'subscribe', topics: chunk, since: position }
    : { type: 'subscribe', topics: chunk }));
}
