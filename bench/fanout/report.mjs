// Prints the Markdown tables of bench/run-fanout.sh from the loaders' JSON in DIR: presence-<size>.json
// (presence-load.mjs) and sio-<size>.json (the Socket.IO peer's sio-load.js), and order-<size> (which
// ran first). A run that left no JSON (it was stopped at its time limit) shows as "no result".
// Usage: node report.mjs DIR PROBES PROBE_RATE SIZE...
import { existsSync, readFileSync } from 'node:fs';

const [dir, probes, rate, ...sizes] = process.argv.slice(2);
const load = (server, size) => {
  const file = `${dir}/${server}-${size}.json`;
  try { return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null; } catch { return null; }
};
const ms = v => (v === null || v === undefined ? '—' : `${v} ms`);
const got = r => (r ? `${r.probeDeliveries.got}/${r.probeDeliveries.expected}` : 'no result');
const closes = r => {
  if (!r) return 'no result';
  const c = Object.entries(r.serverCloses || {});
  return c.length ? c.map(([code, n]) => `${n} × ${code}`).join(', ') : '0';
};
// The change phase lasts from the first change to the last delivery: the changes' schedule plus the
// slowest probe's last member. sio-load.js reports no phase time, so both servers get this estimate.
const perSec = r => {
  if (!r || !r.probeDeliveries.got) return '—';
  const phase = (+probes - 1) / +rate + (r.probeLastMemberMs.max || 0) / 1000;
  return `${Math.round(r.probeDeliveries.got / phase)}/s`;
};
const cpu = (server, size) => { // "<server s> / <loader s>" from <file>.cpu
  const file = `${dir}/${server}-${size}.json.cpu`;
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(' ').map(v => `${v} s`).join(' / ') : '—';
};
const four = s => (s && s.count ? `${s.p50} / ${s.p90} / ${s.p99} / ${s.max}` : '—');
const rss = r => {
  const s = r && r.server;
  return s && s.before && s.afterConnect ? `${Math.round(s.before.rssMB)} → ${Math.round(s.afterConnect.rssMB)} MB` : '—';
};

console.log('| room | Presence join p99 | Socket.IO join p99 | Presence change p99 | Socket.IO change p99 | Presence deliveries got/expected | Socket.IO got/expected | Presence server closes |');
console.log('|---|---|---|---|---|---|---|---|');
for (const size of sizes) {
  const p = load('presence', size), s = load('sio', size);
  console.log(`| ${size} | ${ms(p?.rampJoinDeliveryMs.p99)} | ${ms(s?.rampJoinDeliveryMs.p99)} | ${ms(p?.probeJoinDeliveryMs.p99)} | ${ms(s?.probeJoinDeliveryMs.p99)} | ${got(p)} | ${got(s)} | ${closes(p)} |`);
}
console.log();
console.log('| room | server (order) | joined | ramp | join p50 / p90 / p99 / max (ms) | change p50 / p90 / p99 / max (ms) | got/expected | sustained deliveries/s | server closes | server RSS idle → after ramp | CPU server / loader |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const size of sizes) {
  const first = existsSync(`${dir}/order-${size}`) ? readFileSync(`${dir}/order-${size}`, 'utf8').trim() : '';
  for (const [server, name] of [['presence', 'Presence'], ['sio', 'Socket.IO']]) {
    const r = load(server, size);
    const order = first ? (first === server ? ', 1st' : ', 2nd') : '';
    if (!r) { console.log(`| ${size} | ${name}${order} | no result | | | | | | | | ${cpu(server, size)} |`); continue; }
    console.log(`| ${size} | ${name}${order} | ${r.joined}/${r.N} | ${r.rampSec} s | ${four(r.rampJoinDeliveryMs)} | ${four(r.probeJoinDeliveryMs)} | ${got(r)} | ${perSec(r)} | ${server === 'presence' ? closes(r) : 'not counted'} | ${rss(r)} | ${cpu(server, size)} |`);
  }
}
// What else the Presence loader saw: ramp joins still arriving while the changes ran (they compete with
// them), sequence gaps, snapshots the server pushed after a gap, refusals, and closes with their reasons.
const notes = [];
for (const size of sizes) {
  const r = load('presence', size);
  if (!r) continue;
  const q = r.seq, n = [];
  const sentRate = r.probeSendSec ? (+probes - 1) / r.probeSendSec : +rate;
  if (sentRate < 0.9 * +rate) {
    const l = r.loaderEventLoopDelayMs?.changes;
    n.push(`changes went out at ${sentRate.toFixed(1)}/s, not ${rate}/s (the loader's event loop ran late${l ? `: p99 ${l.p99} ms, max ${l.max} ms` : ''})`);
  }
  if (q.joinsDuringChanges) n.push(`${q.joinsDuringChanges} join diffs arrived during the change phase`);
  if (q.gaps || q.resyncSnapshots) n.push(`${q.gaps} sequence gaps, ${q.resyncSnapshots} snapshots after a gap (${q.deliveredBySnapshot} changes delivered by them)`);
  if (r.failed) n.push(`${r.failed} connections did not join (${JSON.stringify(r.errors)})`);
  if (Object.keys(r.serverErrors).length) n.push(`errors from the server: ${JSON.stringify(r.serverErrors)}`);
  if (Object.keys(r.serverCloses).length) n.push(`closes: ${JSON.stringify(r.serverCloseReasons)}`);
  if (r.drainTimedOut) n.push('deliveries still missing when the loader stopped waiting for them');
  if (n.length) notes.push(`- Presence, room ${size}: ${n.join('; ')}.`);
}
if (notes.length) console.log('\n' + notes.join('\n'));
