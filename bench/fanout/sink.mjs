// Opens N loopback TCP connections and reads everything they receive, counting bytes: the reading side
// of bench/src/main/java/io/presence/bench/LoopbackWriteFloor.java.
// Usage: node bench/fanout/sink.mjs [port=18790] [connections=5000]
import net from 'node:net';

const port = Number(process.argv[2] ?? 18790);
const connections = Number(process.argv[3] ?? 5000);
let received = 0;
let open = 0;
for (let i = 0; i < connections; i++) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  socket.on('data', (chunk) => { received += chunk.length; });
  socket.on('close', () => {
    if (--open === 0) {
      console.log(`sink: ${received} bytes over ${connections} connections`);
    }
  });
  open++;
}
