// Load client for Presence's WebSocket protocol, the counterpart of the Socket.IO peer's sio-load.js
// (shared/peers): the same options, the same load shape and the same JSON, so that bench/run-fanout.sh can
// put both servers side by side.
//
// N connections, connection i a distinct user (token i of --tokens, sub u<i>) and one tab (<run>-t<i>) of
// record work_order/WO-<run>-<i % R>, at most --inflight connections opening at once. A join is the
// tab's first `presence` message; the connection counts as joined when its snapshot arrives. After the
// ramp and a 2 s pause, --probes changes at --probe-rate per second: a random member sends `presence`
// again with a new active field, which every other member of the record receives as an `update` diff.
//
// Latency: the sender puts performance.now() in the tab's active field (`f<integer µs>`); all connections
// live in this one process, so the receiver subtracts it from its own clock. A member counts only diffs
// newer than its snapshot (seq above the snapshot's), never its own tab, a join only if it was sent after
// its own, and a change at most once (a snapshot the server pushes after a gap may carry it instead).
// Deliveries: got vs expected = changes x (room size - 1), as in sio-load.js.
// The JSON has sio-load.js's fields (probeJoinDeliveryMs is the changes' delivery latency here) and more:
// the closes the server made by code (serverCloses), error replies, the change phase's own timing, and
// `seq`: sequence gaps, snapshots pushed after a gap, and join diffs that arrived during the changes.
//
// Time limits: a connection that has not joined within 30 s counts as failed, the ramp stops after
// --ramp-seconds, and the change phase waits at most --drain-seconds after the last change for missing
// deliveries, so a server that falls behind yields partial counts instead of a hang.
//
// Usage: node presence-load.mjs --url ws://127.0.0.1:PORT --tokens FILE [--n 1000] [--rooms 100]
//   [--probes 500] [--probe-rate 50] [--inflight 100] [--pid SERVER_PID] [--run ID] [--drain-seconds 15]
//   [--ramp-seconds 300]
// --url: the node's WebSocket listener or HTTP port (http:// or ws://, loopback only; /api/v1/ws is added);
// --tokens: comma-separated JWTs (shared/peers/mint.mjs), at least N; --pid: the node's process, whose
// RSS is read from /proc; --run: prefix of record and tab ids (default: the start time), so that runs
// against one node never share a record or resume each other's tabs.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d; };
const URL = arg('url', 'ws://127.0.0.1:18702'), N = +arg('n', 1000), R = +arg('rooms', 100);
const INFLIGHT = +arg('inflight', 100), PROBES = +arg('probes', 500), PROBE_RATE = +arg('probe-rate', 50);
const PID = arg('pid'), RUN = arg('run', Date.now().toString(36)), TYPE = 'work_order';
const DRAIN_MS = 1000 * +arg('drain-seconds', 15), RAMP_MS = 1000 * +arg('ramp-seconds', 300);
const JOIN_TIMEOUT_MS = 30000;
const TOKENS = readFileSync(arg('tokens', '/dev/null'), 'utf8').trim().split(',').filter(Boolean);
if (TOKENS.length < N) throw new Error(`--tokens must hold at least ${N} tokens (has ${TOKENS.length})`);
const target = new globalThis.URL(URL.replace(/^http/, 'ws'));
if (!['127.0.0.1', 'localhost'].includes(target.hostname)) throw new Error('only loopback targets: ' + URL);
const base = `${target.protocol}//${target.host}/api/v1/ws`;

const now = () => performance.now();
const stamp = () => 'f' + Math.round(now() * 1000); // an active field that carries its send time
const sentAt = field => (typeof field === 'string' && /^f\d+$/.test(field) ? +field.slice(1) / 1000 : null);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const count = (o, k) => { o[k] = (o[k] || 0) + 1; };
const rssMB = () => {
  if (!PID) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${PID}/status`, 'utf8'));
    return { rssMB: +(kb[1] / 1024).toFixed(1) };
  } catch { return null; }
};
const pct = (a, p) => { if (!a.length) return null; const s = Float64Array.from(a).sort(); return +s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(2); };
const summ = a => ({ count: a.length, p50: pct(a, 50), p90: pct(a, 90), p99: pct(a, 99), max: pct(a, 100) });

// How late this process's own event loop ran timers: a loader that lags delays what it measures.
const loop = monitorEventLoopDelay({ resolution: 10 });
const lag = () => ({ p50: +(loop.percentile(50) / 1e6).toFixed(1), p99: +(loop.percentile(99) / 1e6).toFixed(1), max: +(loop.max / 1e6).toFixed(1) });
const rampLat = [], probeLat = [];
const perProbe = new Map(); // "<tab id> <field>" -> { ts, got, last, ack, seen: receivers that counted it }
const sockets = new Array(N);
let ok = 0, failed = 0, joined = 0, changing = false, shuttingDown = false, got = 0, lastDelivery = 0;
const errors = {}, serverErrors = {}, closes = {}, closeReasons = {};
const seqs = { gaps: 0, stale: 0, beforeSnapshot: 0, joinsBeforeOwnJoin: 0, joinsDuringChanges: 0, resyncSnapshots: 0, deliveredBySnapshot: 0 };

function deliver(c, p, t, bySnapshot) {
  if (p.seen.has(c.i)) return;
  p.seen.add(c.i);
  p.got++; got++; lastDelivery = t;
  const lat = t - p.ts;
  probeLat.push(lat); p.last = Math.max(p.last, lat);
  if (bySnapshot) seqs.deliveredBySnapshot++;
}

function onMessage(c, data, joinedNow) {
  const t = now(), m = JSON.parse(data);
  if (m.type === 'snapshot') {
    if (c.seq === null) { c.seq = m.seq; joinedNow(); return; }
    // A snapshot pushed after the server saw a gap: it replaces the state, changes in it included.
    seqs.resyncSnapshots++;
    c.seq = Math.max(c.seq, m.seq);
    for (const tab of m.tabs || []) {
      const p = tab.tab_id !== c.tab && perProbe.get(tab.tab_id + ' ' + tab.active_field);
      if (p) deliver(c, p, t, true);
    }
  } else if (m.type === 'diff') {
    if (c.seq === null) { seqs.beforeSnapshot++; return; }
    if (m.seq <= c.seq) { seqs.stale++; return; }
    if (m.seq !== c.seq + 1) seqs.gaps++;
    c.seq = m.seq;
    const tab = m.tab;
    if (m.kind === 'join' && tab.tab_id !== c.tab) {
      // Only the join of a member who came later, as sio-load.js counts: a snapshot taken from a node's
      // cache that lags the store is followed by the joins of members who came before.
      const ts = sentAt(tab.active_field);
      if (ts !== null && ts >= c.joinSentAt) rampLat.push(t - ts); else seqs.joinsBeforeOwnJoin++;
      if (changing) seqs.joinsDuringChanges++;
    } else if (m.kind === 'update') {
      const p = perProbe.get(tab.tab_id + ' ' + tab.active_field);
      if (!p) return;
      if (tab.tab_id === c.tab) { if (p.ack === undefined) p.ack = t - p.ts; } else deliver(c, p, t, false);
    }
  } else if (m.type === 'error') {
    count(serverErrors, m.code);
  }
}

function open(i) {
  return new Promise(resolve => {
    const c = { i, room: `WO-${RUN}-${i % R}`, tab: `${RUN}-t${i}`, seq: null, ws: null, opened: false, abandoned: false };
    let settled = false;
    const settle = () => { if (!settled) { settled = true; clearTimeout(timer); resolve(); } };
    const timer = setTimeout(() => { failed++; count(errors, 'no snapshot within 30 s'); c.abandoned = true; c.ws.terminate(); settle(); }, JOIN_TIMEOUT_MS);
    const ws = c.ws = new WebSocket(`${base}?access_token=${TOKENS[i]}`, { perMessageDeflate: false, handshakeTimeout: 20000 });
    ws.on('open', () => {
      ok++; c.opened = true;
      const field = stamp();
      c.joinSentAt = sentAt(field);
      ws.send(JSON.stringify({ type: 'presence', resource_type: TYPE, resource_id: c.room, tab_id: c.tab,
        mode: 'view', active_field: field, ref: 'join' }));
    });
    ws.on('message', data => onMessage(c, data, () => { joined++; sockets[i] = c; settle(); }));
    ws.on('error', e => count(errors, e.message));
    ws.on('close', (code, reason) => {
      if (!settled && !c.abandoned) { failed++; settle(); }
      if (shuttingDown || c.abandoned || !c.opened) return;
      count(closes, code); // closed by the server (4008 slow consumer, 1008 authentication, ...)
      closeReasons[code] = reason.toString();
    });
  });
}

(async () => {
  loop.enable();
  const before = rssMB(); const t0 = now(); let next = 0;
  await Promise.race([
    Promise.all(Array.from({ length: INFLIGHT }, async () => { while (next < N && now() - t0 < RAMP_MS) await open(next++); })),
    sleep(RAMP_MS + JOIN_TIMEOUT_MS)]);
  const rampMs = now() - t0; await sleep(2000);
  const afterConnect = rssMB();
  const live = sockets.filter(c => c && c.ws.readyState === WebSocket.OPEN);
  const rampLag = lag(); loop.reset();
  const tProbes = now(); let lastSend = tProbes; changing = true;
  for (let p = 0; p < PROBES && live.length; p++) {
    const x = live[Math.floor(Math.random() * live.length)];
    const field = stamp();
    perProbe.set(x.tab + ' ' + field, { ts: sentAt(field), got: 0, last: 0, seen: new Set() });
    x.ws.send(JSON.stringify({ type: 'presence', resource_type: TYPE, resource_id: x.room, tab_id: x.tab, mode: 'view', active_field: field }));
    lastSend = now();
    await sleep(1000 / PROBE_RATE);
  }
  const expected = perProbe.size * (N / R - 1);
  while (got < expected && now() - lastSend < DRAIN_MS) await sleep(20);
  const end = rssMB(); const pv = [...perProbe.values()];
  const out = { N, R, roomSize: N / R, url: base, run: RUN, connected: ok, joined, failed, errors, rampSec: +(rampMs / 1000).toFixed(2),
    connPerSec: Math.round(ok / (rampMs / 1000)), server: { before, afterConnect, end },
    clientRssMB: +(process.memoryUsage().rss / 1048576).toFixed(1),
    rampJoinDeliveryMs: summ(rampLat), probeJoinDeliveryMs: summ(probeLat),
    probeLastMemberMs: summ(pv.map(p => p.last)), probeAckMs: summ(pv.filter(p => p.ack !== undefined).map(p => p.ack)),
    probeDeliveries: { got, expected },
    // beyond sio-load.js: what a change is here, how the change phase went, and what the server did
    probeKind: 'update (presence with a new active_field)',
    probeSendSec: +((lastSend - tProbes) / 1000).toFixed(2),
    probeDeliveriesPerSec: got ? Math.round(got / ((lastDelivery - tProbes) / 1000)) : 0,
    drainTimedOut: got < expected,
    loaderEventLoopDelayMs: { ramp: rampLag, changes: lag() },
    serverCloses: closes, serverCloseReasons: closeReasons, serverErrors, seq: seqs };
  console.log(JSON.stringify(out, null, 1));
  shuttingDown = true;
  const still = sockets.filter(c => c && c.ws.readyState === WebSocket.OPEN);
  let left = still.length;
  for (const c of still) { c.ws.once('close', () => { if (--left === 0) process.exit(0); }); c.ws.close(1000); }
  setTimeout(() => process.exit(0), left ? 5000 : 0);
})();
