// Load client for user status over Presence's WebSocket: N users of one tenant online, each watching the
// whole tenant, and a steady rate of status changes, each delivered to every watcher. Run by
// bench/run-status.sh; prints one JSON object.
//
// Connection i is user u<i> (token i of --tokens), one device ("bench"). Phases:
//  1. online: every connection sends `status` online and waits for its status_ack (nobody watches yet,
//     so these reports push nothing);
//  2. watch: every connection sends `subscribe` with resource_type users (the whole tenant) and waits
//     for its snapshot;
//  3. changes: after a 2 s pause (and at least 5.5 s after the last online report, the server's limit
//     between a user's reports), --rate changes per second for --seconds, open loop on a schedule: change j is user u<j mod N> reporting away (online on its second turn), due at start + j / rate.
//     A user changes at most every N / rate seconds (100 s for 5,000 users at 50/s), far outside the
//     server's 5 s rate limit. Each change reaches all N watchers (the user's own connection too).
// The first --warmup-seconds of changes warm the node (and its JIT) up: they are delivered and counted,
// but the latency, the node's CPU and the loader's CPU are measured over the --seconds after them.
// Latency: the due time of a change to its arrival at a watcher. The connections are spread over
// --workers processes (a Node process is one core); all of them read one clock, the epoch in
// high resolution (performance.timeOrigin + performance.now()), and the schedule is shared, so a
// receiver knows a change's due time from its user and status alone. A sender that falls behind its
// schedule adds its lag to the latency (open loop), as a server that falls behind does.
//
// Usage: node status-load.mjs --url ws://127.0.0.1:PORT --tokens FILE [--n 5000] [--rate 50]
//   [--seconds 30] [--warmup-seconds 10] [--workers 2] [--inflight 100] [--pid NODE_PID] [--drain-seconds 15]
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openRaw } from './raw-ws.mjs';

const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i > 0 ? process.argv[i + 1] : d; };
const URL = arg('url', 'ws://127.0.0.1:18711'), N = +arg('n', 5000), RATE = +arg('rate', 50);
const SECONDS = +arg('seconds', 30), WARMUP = +arg('warmup-seconds', 10), WORKERS = +arg('workers', 2), INFLIGHT = +arg('inflight', 100);
const PID = arg('pid'), DRAIN_MS = 1000 * +arg('drain-seconds', 15);
const CHANGES = Math.min(Math.round(RATE * (WARMUP + SECONDS)), 2 * N); // a user's turns: away, then online again
const WARM = Math.min(Math.round(RATE * WARMUP), CHANGES); // changes before this one are not measured
const epoch = () => performance.timeOrigin + performance.now();
const BUCKET_MS = 0.1, BUCKETS = 600000; // latency histogram: 0.1 ms buckets up to 60 s

if (process.send && process.argv.includes('--worker')) worker(+arg('worker'));
else coordinator();

function coordinator() {
  const target = new globalThis.URL(URL.replace(/^http/, 'ws'));
  if (!['127.0.0.1', 'localhost'].includes(target.hostname)) throw new Error('only loopback targets: ' + URL);
  if (CHANGES > 2 * N) throw new Error('at most two changes per user');
  const workers = Array.from({ length: WORKERS }, (_, k) => fork(process.argv[1], [...process.argv.slice(2), '--worker', k]));
  const replies = new Map();
  const all = (phase) => new Promise((resolve) => {
    replies.set(phase, []);
    for (const w of workers) w.on('message', function on(m) {
      if (m.phase !== phase) return;
      w.off('message', on);
      replies.get(phase).push(m);
      if (replies.get(phase).length === WORKERS) resolve(replies.get(phase));
    });
  });
  const tell = (m) => workers.forEach((w) => w.send(m));
  (async () => {
    const t0 = Date.now();
    const online = await all('online');
    const onlineSec = (Date.now() - t0) / 1000;
    const onlineDone = epoch();
    tell({ phase: 'watch' });
    const t1 = Date.now();
    const watched = await all('watch');
    const watchSec = (Date.now() - t1) / 1000;
    // A 2 s pause, and at least the server's 5 s between a user's reports since the last online one.
    const start = Math.max(epoch() + 2000, onlineDone + 5500);
    const measured = start + WARM * 1000 / RATE;
    let nodeBefore = null;
    setTimeout(() => { nodeBefore = PID ? cpu(PID) : null; }, measured - epoch());
    tell({ phase: 'changes', start });
    const done = await all('changes');
    const wall = (epoch() - measured) / 1000;
    const nodeCpu = PID && nodeBefore !== null ? (cpu(PID) - nodeBefore) : null;
    const histogram = new Uint32Array(BUCKETS);
    done.forEach((d) => d.histogram.forEach(([i, c]) => { histogram[i] += c; }));
    const sum = (f) => done.reduce((a, d) => a + f(d), 0);
    // A change's first arrival at any watcher: the server's delay before its fan-out (batch wait
    // included); the rest of the spread is the fan-out itself.
    const firsts = new Uint32Array(BUCKETS);
    for (let j = WARM; j < CHANGES; j++) {
      const f = Math.min(...done.map((d) => d.first[j]));
      if (Number.isFinite(f)) firsts[Math.min(BUCKETS - 1, Math.max(0, Math.floor(f / BUCKET_MS)))]++;
    }
    const got = sum((d) => d.got), expected = CHANGES * N;
    console.log(JSON.stringify({
      users: N, workers: WORKERS, rate: RATE, changes: CHANGES, warmupChanges: WARM, url: URL,
      online: { connected: sum((d) => d.connected), acked: online.reduce((a, d) => a + d.acked, 0),
        failed: online.reduce((a, d) => a + d.failed, 0), seconds: +onlineSec.toFixed(1) },
      watch: { snapshots: watched.reduce((a, d) => a + d.snapshots, 0), missing: watched.reduce((a, d) => a + d.missing, 0),
        errors: Object.assign({}, ...watched.map((d) => d.errors)), closes: Object.assign({}, ...watched.map((d) => d.closes)),
        seconds: +watchSec.toFixed(1),
        snapshotUsers: watched[0]?.snapshotUsers, truncated: watched[0]?.truncated },
      deliveries: { got, expected, perSecond: Math.round(got / Math.max(0.001, ...done.map((d) => d.lastAt))) },
      // latency, node CPU and the loader's CPU are over the changes after the warm-up
      measuredDeliveries: (CHANGES - WARM) * N,
      latencyMs: percentiles(histogram),
      firstArrivalMs: percentiles(firsts),
      sendLagMs: { max: +Math.max(...done.map((d) => d.sendLagMax)).toFixed(1) },
      phaseSeconds: +wall.toFixed(1),
      nodeCpuSeconds: nodeCpu === null ? null : +nodeCpu.toFixed(1),
      nodeCores: nodeCpu === null ? null : +(nodeCpu / wall).toFixed(2),
      loaderWorkerCpuSeconds: +sum((d) => d.cpuSeconds).toFixed(1),
      loaderEventLoopDelayMs: done.map((d) => d.loopDelay),
      serverErrors: Object.assign({}, ...done.map((d) => d.errors)), serverCloses: Object.assign({}, ...done.map((d) => d.closes)),
      rssMB: PID ? rssMB(PID) : null,
    }, null, 1));
    workers.forEach((w) => w.kill());
    process.exit(0);
  })();
}

function worker(k) {
  const TOKENS = readFileSync(arg('tokens'), 'utf8').trim().split(',').filter(Boolean);
  if (TOKENS.length < N) throw new Error(`--tokens must hold at least ${N} tokens (has ${TOKENS.length})`);
  const base = `${URL.replace(/^http/, 'ws')}/api/v1/ws`;
  const mine = []; for (let i = k; i < N; i += WORKERS) mine.push(i);
  const conns = new Map();
  const histogram = new Uint32Array(BUCKETS);
  const errors = {}, closes = {};
  let connected = 0, acked = 0, failed = 0, snapshots = 0, snapshotUsers = 0, truncated = null;
  let start = null, interval = 1000 / RATE, got = 0, lastAt = 0, sendLagMax = 0;
  const first = new Float64Array(CHANGES).fill(Infinity); // each change's earliest arrival here
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const count = (o, key) => { o[key] = (o[key] || 0) + 1; };

  // A status push is counted from its bytes (raw-ws.mjs hands each text frame over before it makes a
  // string of it): at 250,000 pushes a second, framing and parsing them would be most of the loader's
  // CPU, which it shares with the node on a small machine. The server writes the fields in a fixed
  // order ({"type":"status","user_id":"u<i>","status":...); anything else is parsed whole.
  const PREFIX = Buffer.from('{"type":"status","user_id":"u'), STATUS = Buffer.from('","status":"');
  const statusPush = (buf, from, to) => {
    if (to - from < PREFIX.length + 1 + STATUS.length + 1 || buf.compare(PREFIX, 0, PREFIX.length, from, from + PREFIX.length) !== 0) return -1;
    let at = from + PREFIX.length, u = 0, digits = 0;
    for (let b = buf[at]; b >= 0x30 && b <= 0x39; b = buf[++at]) { u = u * 10 + b - 0x30; digits++; }
    if (!digits || at + STATUS.length >= to || buf.compare(STATUS, 0, STATUS.length, at, at + STATUS.length) !== 0) return -1;
    return u + (buf[at + STATUS.length] === 0x61 /* a: away */ ? 0 : N);
  };
  const delivered = (j) => {
    if (j >= CHANGES) return;
    const now = epoch(), lat = now - (start + j * interval);
    if (j >= WARM) histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(lat / BUCKET_MS)))]++;
    if (lat < first[j]) first[j] = lat;
    got++; lastAt = (now - start) / 1000;
  };
  const onText = (buf, from, to) => {
    if (start === null) return false;
    const j = statusPush(buf, from, to);
    if (j < 0) return false;
    delivered(j);
    return true;
  };
  const onMessage = (c, text) => {
    const m = JSON.parse(text);
    if (m.type === 'status' && start !== null) delivered(+m.user_id.slice(1) + (m.status === 'away' ? 0 : N));
    else if (m.type === 'status_ack') { acked++; c.acked?.();
    } else if (m.type === 'snapshot') {
      snapshots++; snapshotUsers = m.users.length; truncated = m.truncated; c.watched?.();
    } else if (m.type === 'error') count(errors, m.code);
  };
  const open = (i) => new Promise((resolve) => {
    const c = { ws: null, acked: null, watched: null };
    const timer = setTimeout(() => { failed++; resolve(); }, 60000);
    c.acked = () => { c.acked = null; clearTimeout(timer); resolve(); };
    c.ws = openRaw(`${base}?access_token=${TOKENS[i]}`, {
      onOpen: () => { connected++; conns.set(i, c); c.ws.send(JSON.stringify({ type: 'status', status: 'online', device_id: 'bench' })); },
      onText,
      onMessage: (text) => onMessage(c, text),
      onError: (e) => count(errors, e.message),
      onClose: (code) => { count(closes, code); clearTimeout(timer); resolve(); },
    });
  });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  process.on('message', async (m) => {
    if (m.phase === 'watch') {
      // A connection that closed, or that gets no snapshot within 60 s, is counted, not waited for.
      let missing = 0;
      await Promise.all([...conns.values()].map((c) => new Promise((resolve) => {
        if (!c.ws.isOpen) { missing++; return resolve(); }
        const timer = setTimeout(() => { missing++; c.watched = null; resolve(); }, 60000);
        c.watched = () => { c.watched = null; clearTimeout(timer); resolve(); };
        c.ws.send(JSON.stringify({ type: 'subscribe', resource_type: 'users' }));
      })));
      process.send({ phase: 'watch', snapshots, missing, snapshotUsers, truncated, errors, closes });
    } else if (m.phase === 'changes') {
      start = m.start;
      loop.enable();
      let cpu0 = WARM === 0 ? process.cpuUsage() : null;
      for (let j = 0; j < CHANGES; j++) {
        const u = j % N;
        if (u % WORKERS !== k) continue;
        const due = start + j * interval;
        while (epoch() < due) await sleep(Math.max(0, Math.min(5, due - epoch())));
        if (cpu0 === null && j >= WARM) { cpu0 = process.cpuUsage(); loop.reset(); }
        sendLagMax = Math.max(sendLagMax, epoch() - due);
        conns.get(u)?.ws.send(JSON.stringify({ type: 'status', status: j < N ? 'away' : 'online', device_id: 'bench' }));
      }
      const end = start + CHANGES * interval;
      while (got < CHANGES * mine.length && epoch() < end + DRAIN_MS) await sleep(20);
      const used = process.cpuUsage(cpu0 ?? undefined);
      const sparse = []; histogram.forEach((c, i) => { if (c) sparse.push([i, c]); });
      process.send({ phase: 'changes', histogram: sparse, first: Array.from(first), got, lastAt, sendLagMax, errors, closes, connected,
        cpuSeconds: (used.user + used.system) / 1e6,
        loopDelay: { p99: +(loop.percentile(99) / 1e6).toFixed(1), max: +(loop.max / 1e6).toFixed(1) } });
    }
  });

  (async () => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.max(1, Math.floor(INFLIGHT / WORKERS)) }, async () => {
      while (next < mine.length) await open(mine[next++]);
    }));
    process.send({ phase: 'online', connected, acked, failed });
  })();
}

function percentiles(histogram) {
  const total = histogram.reduce((a, c) => a + c, 0);
  const at = (p) => {
    if (!total) return null;
    let seen = 0; const want = Math.ceil(p / 100 * total);
    for (let i = 0; i < histogram.length; i++) { seen += histogram[i]; if (seen >= want) return +((i + 1) * BUCKET_MS).toFixed(1); }
    return null;
  };
  return { count: total, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: at(100) };
}

function cpu(pid) { // CPU seconds a process used so far
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (+f[11] + +f[12]) / 100;
}

function rssMB(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return kb ? +(kb[1] / 1024).toFixed(0) : null;
}
