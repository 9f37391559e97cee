// The sample's page: buttons that fire N requests at each leaky and fixed endpoint, and a live chart of the
// figures of /actuator/memory-lifecycle.
const series = {
  heap: { label: 'heap used %', color: '#888', read: (d) => d.memory?.heapUsedPercent },
  timers: { label: 'live timers', color: '#d33', read: (d) => d.timers?.live },
  listeners: { label: 'runtime listeners', color: '#36c', read: (d) => d.listeners?.live },
  leaks: { label: 'leak suspects', color: '#a3c', read: (d) => d.leaks?.suspects },
};

const chart = new Chart(document.getElementById('chart'), {
  type: 'line',
  data: {
    labels: [],
    datasets: Object.values(series).map((s) => ({ label: s.label, data: [], borderColor: s.color, tension: 0.2 })),
  },
  options: { animation: false, scales: { y: { beginAtZero: true } } },
});

function show(id, value) {
  document.getElementById(id).textContent = (value === undefined || value === null) ? '-' : String(value);
}

function cacheEntries(doc) {
  const items = doc.caches?.items || [];
  return items.reduce((sum, cache) => sum + (cache.estimatedSize || 0), 0);
}

async function poll() {
  try {
    const response = await fetch('actuator/memory-lifecycle?limit=0');
    const doc = await response.json();
    const heap = series.heap.read(doc);
    show('heap-used-percent', heap === undefined ? undefined : heap.toFixed(1));
    show('live-timers', series.timers.read(doc));
    show('live-listeners', series.listeners.read(doc));
    show('leak-suspects', series.leaks.read(doc));
    show('cache-entries', cacheEntries(doc));
    chart.data.labels.push(new Date().toLocaleTimeString());
    Object.values(series).forEach((s, i) => chart.data.datasets[i].data.push(s.read(doc) ?? null));
    if (chart.data.labels.length > 120) {
      chart.data.labels.shift();
      chart.data.datasets.forEach((d) => d.data.shift());
    }
    chart.update();
  } catch (e) {
    document.getElementById('status').textContent = 'endpoint unreachable: ' + e;
  }
}

async function fire(pattern, variant) {
  const count = Math.max(1, Math.min(1000, parseInt(document.getElementById('count').value, 10) || 1));
  const status = document.getElementById('status');
  status.textContent = `firing ${count} requests at ${pattern}/${variant}...`;
  for (let i = 0; i < count; i++) {
    await fetch(`leaks/${pattern}/${variant}`, { method: 'POST' });
  }
  status.textContent = `fired ${count} requests at ${pattern}/${variant}`;
  poll();
}

async function renderPatterns() {
  const patterns = await (await fetch('leaks')).json();
  const body = document.querySelector('#patterns tbody');
  for (const p of patterns) {
    const row = document.createElement('tr');
    row.innerHTML = `<td>${p.title}</td><td class="what">${p.leak}<br><em>fix:</em> ${p.fix}</td>`;
    for (const variant of ['leaky', 'fixed']) {
      const cell = document.createElement('td');
      const button = document.createElement('button');
      button.id = `${p.id}-${variant}`;
      button.className = variant;
      button.type = 'button';
      button.textContent = variant;
      button.addEventListener('click', () => fire(p.id, variant));
      cell.appendChild(button);
      row.appendChild(cell);
    }
    body.appendChild(row);
  }
}

document.getElementById('gc').addEventListener('click', async () => {
  await fetch('leaks/gc', { method: 'POST' });
  poll();
});

renderPatterns();
poll();
setInterval(poll, 1000);
