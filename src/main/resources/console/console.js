// The web console: a page over the JavaScript client (herald-client.js, served beside it).
import { connect, CLOSE_CODES } from '/console/herald-client.js';

const REASONS = {
  AUTHENTICATION_REQUIRED: 'no token was given',
  INVALID_CREDENTIALS: 'the token is malformed, forged, expired or of the wrong kind',
  PERMISSION_DENIED: 'this token may not read that topic (or a service token tried to subscribe)',
  ORIGIN_NOT_ALLOWED: 'this page\'s origin is not in HERALD_ALLOWED_ORIGINS',
  INVALID_TOPIC: 'the topic breaks the grammar (segments of A-Z a-z 0-9 _ . - separated by colons)',
  TOO_MANY_SUBSCRIPTIONS: 'the connection holds the maximum number of subscriptions',
  RATE_LIMITED: 'too many requests a second; the request was ignored',
  BAD_REQUEST: 'the server could not read the request',
  TOO_MANY_CONNECTIONS: 'the node or this customer has too many connections',
  UNAVAILABLE: 'the node is starting or draining',
};
const STATES = { connecting: 'connecting', open: 'connected', reconnecting: 'reconnecting', closed: 'not connected' };
const MAX_EVENTS = 500;

const $ = (id) => document.getElementById(id);
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1.0/ws`;
let client = null;
let events = []; // newest first
let paused = false;
let total = 0;
const arrivals = [];

function explain(reason, message) {
  return REASONS[reason] || message || reason;
}

function addError(reason, text, topics = []) {
  const item = document.createElement('li');
  const code = document.createElement('code');
  code.textContent = reason;
  item.append(code, ` ${text}${topics.length ? ` (${topics.join(', ')})` : ''}`);
  $('errors').prepend(item);
}

function setState(state, detail = {}) {
  const badge = $('state');
  let words = STATES[state] || state;
  if (state === 'reconnecting') words += ` (attempt ${detail.attempt}, in ${detail.delayMs} ms)`;
  badge.textContent = words;
  badge.className = `state state-${state}`;
  const connected = state === 'open';
  $('topic').disabled = !connected;
  $('subscribe').disabled = !connected;
  $('connect').disabled = state !== 'closed';
  $('disconnect').disabled = state === 'closed';
  if (detail.code) {
    $('close-reason').textContent = `Last close: ${detail.code}, ${CLOSE_CODES[detail.code] || 'closed'}`
      + (detail.error ? `: ${explain(detail.error.reason, detail.error.message)}` : '');
  }
  if (state === 'closed' && detail.error) addError(detail.error.reason, explain(detail.error.reason, detail.error.message));
}

function renderSubscriptions() {
  const list = $('subscriptions');
  list.replaceChildren();
  for (const topic of client ? client.held : []) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = topic;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Unsubscribe from ${topic}`);
    remove.addEventListener('click', () => client.unsubscribe([topic])
      .then(renderSubscriptions, (e) => addError(e.reason, explain(e.reason, e.message), e.topics)));
    item.append(label, remove);
    list.append(item);
  }
}

function matches(event) {
  const filter = $('filter').value.trim().toLowerCase();
  return !filter || String(event.type).toLowerCase().includes(filter)
    || String(event.topic).toLowerCase().includes(filter);
}

function entry(item) {
  const li = document.createElement('li');
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  const time = document.createElement('span');
  time.textContent = item.at.toLocaleTimeString();
  const type = document.createElement('span');
  type.className = 'type';
  type.textContent = item.event.type;
  const topic = document.createElement('span');
  topic.className = 'topic';
  topic.textContent = item.event.topic;
  summary.append(time, type, topic);
  const pre = document.createElement('pre');
  pre.textContent = JSON.stringify(item.event, null, 2);
  details.append(summary, pre);
  li.append(details);
  return li;
}

function renderLog() {
  $('log').replaceChildren(...events.filter((i) => matches(i.event)).map(entry));
  $('count').textContent = `${total} total`;
}

function onEvent(event) {
  total += 1;
  arrivals.push(Date.now());
  if (paused) return;
  const item = { at: new Date(), event };
  events.unshift(item);
  if (events.length > MAX_EVENTS) events.length = MAX_EVENTS;
  if (matches(event)) $('log').prepend(entry(item));
  const log = $('log');
  while (log.children.length > MAX_EVENTS) log.lastChild.remove();
  $('count').textContent = `${total} total`;
}

setInterval(() => {
  const cutoff = Date.now() - 1000;
  while (arrivals.length && arrivals[0] < cutoff) arrivals.shift();
  $('rate').textContent = `${arrivals.length}/s`;
}, 500);

$('connect-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = $('token').value.trim();
  if (!token) return addError('AUTHENTICATION_REQUIRED', REASONS.AUTHENTICATION_REQUIRED);
  if (client) client.close();
  client = connect(wsUrl, { token });
  client.onState((state, detail) => { setState(state, detail); if (state === 'open') renderSubscriptions(); });
  client.onError((error) => { if (client.state !== 'closed') addError(error.reason, explain(error.reason, error.message), error.topics); });
  client.on('*', onEvent);
  setState('connecting');
});

$('disconnect').addEventListener('click', () => {
  if (client) client.close();
  renderSubscriptions();
});

$('subscribe-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const topic = $('topic').value.trim();
  if (!topic || !client) return;
  client.subscribe([topic]).then(() => { $('topic').value = ''; renderSubscriptions(); },
    (error) => addError(error.reason, explain(error.reason, error.message), error.topics));
});

$('pause').addEventListener('click', () => {
  paused = !paused;
  $('pause').setAttribute('aria-pressed', String(paused));
  $('pause').textContent = paused ? 'Resume' : 'Pause';
});
$('clear').addEventListener('click', () => { events = []; renderLog(); });
$('filter').addEventListener('input', renderLog);

$('publish-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const result = $('publish-result');
  let data;
  try {
    data = JSON.parse($('event-data').value || 'null');
  } catch {
    result.textContent = 'Data is not valid JSON';
    return;
  }
  const response = await fetch('/v1.0/events', {
    method: 'POST',
    headers: { Authorization: `Bearer ${$('service-token').value.trim()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: $('event-type').value.trim(), topic: $('event-topic').value.trim(), data }),
  }).catch((error) => ({ status: 0, json: async () => ({ error: { reason: 'NETWORK', message: error.message } }) }));
  if (response.status === 202) {
    result.textContent = 'Accepted (202)';
  } else {
    const body = await response.json().catch(() => ({}));
    const reason = (body.error && body.error.reason) || `HTTP ${response.status}`;
    result.textContent = `Refused (${response.status}): ${explain(reason, body.error && body.error.message)}`;
    addError(reason, explain(reason, body.error && body.error.message));
  }
});

fetch('/v1.0/demo').then(async (response) => {
  if (response.status !== 200) return;
  const demo = await response.json();
  if (!$('token').value) $('token').value = demo.admin;
  if (!$('service-token').value) $('service-token').value = demo.service;
  if (!$('event-topic').value) $('event-topic').value = demo.topic;
  $('topic').value = 'call';
  $('demo-hint').hidden = false;
}).catch(() => {});
