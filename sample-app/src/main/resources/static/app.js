// The sample's page: buttons that fire N requests at each leaky and fixed endpoint, and a live chart of the
// figures of /actuator/memory-lifecycle.
const LEAKY_CACHE = 'leaky-quotes';
const BOUNDED_CACHE = 'quotes';

const cache = (doc, name) => (doc.caches?.items || []).find((c) => c.name === name);

const series = [
  { label: 'heap used %', color: '#888', axis: 'percent', read: (d) => d.memory?.heapUsedPercent },
  { label: 'live timers', color: '#d33', axis: 'count', read: (d) => d.timers?.live },
  { label: 'runtime listeners', color: '#36c', axis: 'count', read: (d) => d.listeners?.live },
  { label: 'leak suspects', color: '#a3c', axis: 'count', read: (d) => d.leaks?.retained },
  { label: 'leaky cache entries', color: '#e90', axis: 'count', read: (d) => cache(d, LEAKY_CACHE)?.estimatedSize },
];

const chart = new Chart(document.getElementById('chart'), {
  type: 'line',
  data: {
    labels: [],
    datasets: series.map((s) => ({
      label: s.label, data: [], borderColor: s.color, backgroundColor: s.color, yAxisID: s.axis,
      tension: 0, pointRadius: 0,
    })),
  },
  options: {
    animation: false,
    maintainAspectRatio: false,
    scales: {
      count: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'count' } },
      percent: {
        type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false },
        title: { display: true, text: 'heap used %' },
      },
    },
  },
});

function show(id, value) {
  document.getElementById(id).textContent = (value === undefined || value === null) ? '-' : String(value);
}

function status(text) {
  document.getElementById('status').textContent = text;
}

async function poll() {
  let doc;
  try {
    const response = await fetch('actuator/memory-lifecycle?limit=10');
    doc = await response.json();
  } catch (e) {
    status('endpoint unreachable: ' + e);
    return;
  }
  const heap = doc.memory?.heapUsedPercent;
  show('heap-used-percent', (heap === undefined || heap === null) ? heap : heap.toFixed(1));
  show('live-timers', doc.timers?.live);
  show('live-listeners', doc.listeners?.live);
  show('leak-suspects', doc.leaks?.retained);
  show('leaky-cache-entries', cache(doc, LEAKY_CACHE)?.estimatedSize);
  const bounded = cache(doc, BOUNDED_CACHE);
  show('bounded-cache-entries', bounded ? `${bounded.estimatedSize} / ${bounded.maximum}` : undefined);
  show('warnings', doc.warnings?.total);
  const latest = doc.warnings?.items?.[0];
  show('warning-message', latest ? `[${latest.kind}] ${latest.message}` : 'none');
  chart.data.labels.push(new Date().toLocaleTimeString());
  series.forEach((s, i) => chart.data.datasets[i].data.push(s.read(doc) ?? null));
  if (chart.data.labels.length > 180) {
    chart.data.labels.shift();
    chart.data.datasets.forEach((d) => d.data.shift());
  }
  chart.update();
}

async function post(path) {
  const response = await fetch(path, { method: 'POST' });
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return response.text();
}

async function fire(pattern, variant) {
  const count = Math.max(1, Math.min(1000, parseInt(document.getElementById('count').value, 10) || 1));
  let last = '';
  try {
    for (let i = 1; i <= count; i++) {
      last = await post(`leaks/${pattern}/${variant}`);
      if (i % 5 === 0 || i === count) {
        status(`${pattern}/${variant}: ${i} of ${count} requests`);
      }
    }
    status(`fired ${count} requests at ${pattern}/${variant}; the last one answered: ${last}`);
  } catch (e) {
    status(`${pattern}/${variant} failed: ${e.message}`);
  }
  poll();
}

async function renderPatterns() {
  const patterns = await (await fetch('leaks')).json();
  const body = document.querySelector('#patterns tbody');
  for (const p of patterns) {
    const row = document.createElement('tr');
    row.id = `pattern-${p.id}`;
    const title = document.createElement('td');
    title.className = 'title';
    title.textContent = p.title;
    const what = document.createElement('td');
    what.className = 'what';
    what.append(`leaky: ${p.leak}`, document.createElement('br'), `fixed: ${p.fix}`);
    row.append(title, what);
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
  status(await post('leaks/gc'));
  poll();
});

document.getElementById('reset').addEventListener('click', async () => {
  status(await post('leaks/reset'));
  poll();
});

renderPatterns();
poll();
setInterval(poll, 1000);
