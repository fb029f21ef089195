// In browser console
const ws = new WebSocket('ws://localhost:9000/api/v1/ws');

ws.onmessage = (e) => {
  console.log('Received:', JSON.parse(e.data));
};

// Send presence update
ws.send(JSON.stringify({
  type: 'presence',
  resource_type: 'work_order',
  resource_id: 'WO-1234',
  action: 'viewing'
}));
