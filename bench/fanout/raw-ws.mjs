// A minimal WebSocket client for load generators that receive hundreds of thousands of small frames a
// second on a machine they share with the server under test. The `ws` library makes a Buffer, an event
// and (for text) a string of every frame; this one walks the frames of each TCP read in place and hands
// a text frame to a matcher as bytes first, so a loader can count the frames it expects without making
// strings of them. On the user status benchmark (250,000 frames a second) it cut the loader's CPU by
// about a quarter and its event-loop delay p99 from about 250 ms to about 40 ms
// (docs/perf-log/2026-12-05-status-fanout.md).
//
// Scope, on purpose: ws:// only, no extensions (no permessage-deflate), text frames out (masked, as
// RFC 6455 requires of a client), text/ping/close frames in, ping answered with pong. Only for the
// benchmarks against loopback; the product's clients use the browser's WebSocket or `ws`.
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

const OP_CONTINUATION = 0x0, OP_TEXT = 0x1, OP_CLOSE = 0x8, OP_PING = 0x9, OP_PONG = 0xa;

/**
 * Opens a WebSocket. `handlers`: onOpen(), onText(buffer, start, end) returning true when it consumed
 * the frame, onMessage(text) for the frames it did not, onClose(code), onError(error).
 * Returns { send(text), close() }.
 */
export function openRaw(url, handlers, { handshakeTimeoutMs = 30000 } = {}) {
  const target = new URL(url);
  const socket = connect({ host: target.hostname, port: +target.port || 80, noDelay: true });
  const key = randomBytes(16).toString('base64');
  let open = false, closed = false, pending = null, fragments = null;
  const timer = setTimeout(() => fail(new Error('handshake timeout')), handshakeTimeoutMs);

  const fail = (error) => {
    if (closed) return;
    handlers.onError?.(error);
    finish(1006);
  };
  const finish = (code) => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    socket.destroy();
    handlers.onClose?.(code);
  };
  const frame = (opcode, payload) => {
    const length = payload.length;
    const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const out = Buffer.allocUnsafe(head + 4 + length);
    out[0] = 0x80 | opcode;
    if (length < 126) out[1] = 0x80 | length;
    else if (length < 65536) { out[1] = 0x80 | 126; out.writeUInt16BE(length, 2); }
    else { out[1] = 0x80 | 127; out.writeBigUInt64BE(BigInt(length), 2); }
    out.writeUInt32BE(0, head); // a zero mask: the frame is masked as the RFC demands, its bytes unchanged
    payload.copy(out, head + 4);
    return out;
  };

  socket.on('connect', () => {
    socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
  socket.on('error', fail);
  socket.on('close', () => finish(1006));
  socket.on('data', (chunk) => {
    let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    let at = 0;
    if (!open) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) { pending = buf; return; }
      const head = buf.toString('latin1', 0, end);
      if (!/^HTTP\/1\.1 101 /.test(head)) return fail(new Error(head.split('\r\n')[0]));
      open = true;
      clearTimeout(timer);
      at = end + 4;
      handlers.onOpen?.();
    }
    while (at < buf.length) {
      if (buf.length - at < 2) break;
      const b0 = buf[at], b1 = buf[at + 1];
      let length = b1 & 0x7f, start = at + 2;
      if (length === 126) { if (buf.length - at < 4) break; length = buf.readUInt16BE(at + 2); start = at + 4; }
      else if (length === 127) { if (buf.length - at < 10) break; length = Number(buf.readBigUInt64BE(at + 2)); start = at + 10; }
      if (b1 & 0x80) return fail(new Error('a masked frame from the server'));
      const end = start + length;
      if (end > buf.length) break;
      at = end;
      const opcode = b0 & 0x0f, fin = (b0 & 0x80) !== 0;
      if (opcode === OP_TEXT && fin) {
        if (!handlers.onText?.(buf, start, end)) handlers.onMessage?.(buf.toString('utf8', start, end));
      } else if (opcode === OP_TEXT || opcode === OP_CONTINUATION) {
        fragments = fragments ? Buffer.concat([fragments, buf.subarray(start, end)]) : Buffer.from(buf.subarray(start, end));
        if (fin) { const text = fragments.toString('utf8'); fragments = null; handlers.onMessage?.(text); }
      } else if (opcode === OP_PING) {
        socket.write(frame(OP_PONG, buf.subarray(start, end)));
      } else if (opcode === OP_CLOSE) {
        const code = length >= 2 ? buf.readUInt16BE(start) : 1005;
        socket.write(frame(OP_CLOSE, buf.subarray(start, Math.min(end, start + 2))));
        return finish(code);
      }
    }
    if (at < buf.length) pending = Buffer.from(buf.subarray(at));
  });

  return {
    get isOpen() { return open && !closed; },
    send(text) { if (open && !closed) socket.write(frame(OP_TEXT, Buffer.from(text, 'utf8'))); },
    close() { if (!closed) { socket.write(frame(OP_CLOSE, Buffer.from([0x03, 0xe8]))); finish(1000); } },
  };
}
