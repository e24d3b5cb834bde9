'use strict';

// The API lives on the other loopback name, so every call below is cross-origin.
const apiHost = (location.hostname === '127.0.0.1') ? 'localhost' : '127.0.0.1';
const apiOrigin = `${location.protocol}//${apiHost}${location.port ? ':' + location.port : ''}`;

const calls = [
  {
    id: 'simple-get',
    title: 'Simple GET',
    shows: 'Safelisted method, no custom header: sent directly.',
    method: 'GET', path: '/api/greeting'
  },
  {
    id: 'credentialed-get',
    title: 'Credentialed GET',
    shows: 'Needs the exact origin and Allow-Credentials: true back.',
    method: 'GET', path: '/api/me', credentials: 'include'
  },
  {
    id: 'json-put',
    title: 'JSON PUT with a custom header',
    shows: 'Preflighted; X-Request-Id is exposed, so the script reads it.',
    method: 'PUT', path: '/api/items/42',
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-42' },
    body: JSON.stringify({ name: 'Blue mug' }),
    readHeader: 'X-Request-Id'
  },
  {
    id: 'refused-method',
    title: 'A method the policy refuses',
    shows: 'DELETE is not in allowed-methods: the DELETE is never sent.',
    method: 'DELETE', path: '/api/items/42'
  },
  {
    id: 'refused-header',
    title: 'A header the policy refuses',
    shows: 'X-Debug is not in allowed-headers: the GET is never sent.',
    method: 'GET', path: '/api/greeting',
    headers: { 'X-Debug': 'true' }
  },
  {
    id: 'cached-put',
    title: 'A preflight the browser caches',
    shows: 'Preflighted like the PUT above, on its own URL. Send it again within max-age (10 s): no preflight.',
    method: 'PUT', path: '/api/notes/7',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: 'cached' })
  },
  {
    id: 'forced-preflight',
    title: 'A GET that older clients preflight',
    shows: 'AngularJS 1.0 and Sencha Touch add X-Requested-With to every call, which makes even a GET preflighted.',
    method: 'GET', path: '/api/greeting',
    headers: { 'X-Requested-With': 'XMLHttpRequest' }
  },
  {
    id: 'websocket',
    title: 'WebSocket echo',
    shows: 'No CORS for WebSocket: the server checks the handshake\'s Origin, by the same policy.',
    socket: '/api/socket'
  },
  {
    id: 'public-get',
    title: 'Per-path policy: any origin',
    shows: 'The policy for /api/public/** allows any origin: Allow-Origin: *.',
    method: 'GET', path: '/api/public/status'
  },
  {
    id: 'public-credentialed',
    title: 'Credentials against the any-origin policy',
    shows: '"*" never allows a credentialed response: the browser hides it.',
    method: 'GET', path: '/api/public/status', credentials: 'include'
  }
];

let lastExchangeId = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fetchCode(call) {
  if (call.socket) {
    return `new WebSocket(api.replace('http', 'ws') + '${call.socket}')`;
  }
  const init = [];
  if (call.method !== 'GET') init.push(`method: '${call.method}'`);
  if (call.credentials) init.push(`credentials: '${call.credentials}'`);
  if (call.headers) {
    const headers = Object.entries(call.headers).map(([name, value]) => `'${name}': '${value}'`).join(', ');
    init.push(`headers: { ${headers} }`);
  }
  if (call.body) init.push(`body: '${call.body}'`);
  const url = `api + '${call.path}'`;
  return init.length ? `fetch(${url}, { ${init.join(', ')} })` : `fetch(${url})`;
}

async function showRules(call, section) {
  if (call.socket) {
    section.dataset.preflightPredicted = 'false';
    section.querySelector('.rules').replaceChildren(el('span', 'simple', 'no CORS'),
      el('span', 'line detail', 'A browser sends a WebSocket handshake to any site, with cookies, and never '
        + 'preflights it: only the server\'s check of Origin stands in the way.'));
    return;
  }
  const params = new URLSearchParams({ method: call.method });
  for (const [name, value] of Object.entries(call.headers || {})) params.append('header', `${name}: ${value}`);
  const dd = section.querySelector('.rules');
  try {
    const answer = await (await fetch(`/demo/classify?${params}`)).json();
    section.dataset.preflightPredicted = String(answer.preflighted);
    dd.replaceChildren(
      el('span', answer.preflighted ? 'preflighted' : 'simple', answer.preflighted ? 'preflighted' : 'simple request'),
      el('span', 'line detail', answer.reason));
  }
  catch (error) {
    dd.textContent = `could not classify: ${error}`;
  }
}

function describeExchange(exchange) {
  const line = el('span', 'line');
  line.append(el('strong', null, `${exchange.method} ${exchange.path}`),
    document.createTextNode(` → ${exchange.status || '…'}`));
  if (exchange.preflight) {
    const asked = [exchange.accessControlRequestMethod, exchange.accessControlRequestHeaders].filter(Boolean);
    line.append(el('span', 'line detail', `preflight asking for ${asked.join(' with ')}`));
  }
  const headers = Object.entries(exchange.corsResponseHeaders || {})
    .filter(([name]) => name !== 'Vary')
    .map(([name, value]) => `${name.replace(/^Access-Control-/, '')}: ${value}`);
  line.append(el('span', 'line detail', headers.length ? headers.join(' · ') : 'no CORS headers'));
  return line;
}

async function exchangesSince(id) {
  // A filter records each response once the server has written it; wait briefly for the last ones.
  for (let attempt = 0; ; attempt++) {
    const exchanges = await (await fetch(`/demo/exchanges?after=${id}`)).json();
    if (attempt >= 20 || (exchanges.length && exchanges.every((exchange) => exchange.status))) return exchanges;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function explainBlocked(call, exchanges) {
  if (call.socket) {
    const handshake = exchanges.find((exchange) => !exchange.preflight);
    return handshake ? `The server refused the handshake (${handshake.status}): this page's origin is not allowed.`
      : 'The handshake never reached the server.';
  }
  const preflight = exchanges.find((exchange) => exchange.preflight);
  if (preflight && preflight.status !== 204 && preflight.status !== 200) {
    return `The server refused the preflight (${preflight.status}), so the browser never sent the request.`;
  }
  const actual = exchanges.find((exchange) => !exchange.preflight);
  if (actual) {
    return `The server answered ${actual.status}, but its CORS headers do not allow this call, `
      + 'so the browser kept the response from the script.';
  }
  return 'The request never reached the server.';
}

/** Opens a WebSocket to the API origin, sends one message, and resolves with the echo. */
function echoOverWebSocket(path) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(apiOrigin.replace(/^http/, 'ws') + path);
    const timer = setTimeout(() => { socket.close(); reject(new Error('no answer within 5 s')); }, 5000);
    socket.onopen = () => socket.send('hello over WebSocket');
    socket.onmessage = (message) => { clearTimeout(timer); socket.close(); resolve(message.data); };
    // A refused handshake closes the socket before it opens (code 1006); the script learns nothing more.
    socket.onclose = (event) => { clearTimeout(timer); reject(new Error(`closed before opening (code ${event.code})`)); };
  });
}

async function send(call, section) {
  const button = section.querySelector('.send');
  button.disabled = true;
  const before = lastExchangeId = Math.max(lastExchangeId,
    (await (await fetch('/demo/info')).json()).lastExchangeId);
  const result = section.querySelector('.result');
  result.textContent = '…';
  const init = { method: call.method, headers: call.headers || {}, credentials: call.credentials || 'same-origin' };
  if (call.body) init.body = call.body;
  let outcome;
  let lines;
  try {
    if (call.socket) {
      const echo = await echoOverWebSocket(call.socket);
      lines = [el('span', 'ok', 'Socket open'), el('span', 'line', `echo: ${echo}`)];
    }
    else {
      const response = await fetch(apiOrigin + call.path, init);
      const body = await response.text();
      lines = [el('span', 'ok', `${response.status} ${response.statusText}`), el('span', 'line', body)];
      if (call.readHeader) {
        const value = response.headers.get(call.readHeader);
        lines.push(el('span', 'line detail', `${call.readHeader} read by the script: ${value === null ? 'not exposed' : value}`));
      }
    }
    outcome = 'allowed';
  }
  catch (error) {
    outcome = 'blocked';
    lines = [el('span', 'error', call.socket ? `No socket: ${error.message}`
      : `Blocked by the browser: ${error.name}: ${error.message}`)];
  }
  const exchanges = await exchangesSince(before);
  lastExchangeId = exchanges.reduce((max, exchange) => Math.max(max, exchange.id), before);
  const preflightSeen = exchanges.some((exchange) => exchange.preflight);
  if (outcome === 'blocked') lines.push(el('span', 'line detail', explainBlocked(call, exchanges)));
  else if (section.dataset.preflightPredicted === 'true' && !preflightSeen) {
    lines.push(el('span', 'line detail', 'No preflight this time: the browser reused the answer it cached for max-age.'));
  }
  section.dataset.preflightSeen = String(preflightSeen);
  section.querySelector('.server').replaceChildren(
    ...(exchanges.length ? exchanges.map(describeExchange) : [el('span', 'line', 'nothing')]));
  result.replaceChildren(...lines);
  section.querySelector('.badge').textContent = outcome;
  section.dataset.outcome = outcome;
  section.dataset.sends = String(Number(section.dataset.sends || 0) + 1);
  button.disabled = false;
}

let shadowReport = null;

/** In shadow mode, the starter's report from the actuator: what would break, open or change if it enforced. */
async function showShadowReport() {
  if (!shadowReport) return;
  const report = (await (await fetch(shadowReport)).json()).shadow;
  document.getElementById('shadow-summary').textContent = report.summary;
  const rows = report.entries.map((entry) => {
    const row = el('tr', 'shadow-entry');
    row.dataset.verdict = entry.verdict;
    row.append(el('td', `verdict ${entry.verdict}`, `${entry.verdict.replace('-', ' ')} (${entry.reason})`),
      el('td', null, `${entry.kind} ${entry.method} from ${entry.origin}`),
      el('td', 'count', String(entry.count)),
      el('td', 'line detail', entry.message));
    return row;
  });
  document.getElementById('shadow-entries').replaceChildren(...rows);
  document.getElementById('shadow-report').dataset.loaded = String(Date.now());
}

async function runAll() {
  const button = document.getElementById('run-all');
  button.disabled = true;
  for (const call of calls) {
    await send(call, document.querySelector(`[data-call="${call.id}"]`));
  }
  const sections = [...document.querySelectorAll('.call')];
  const allowed = sections.filter((section) => section.dataset.outcome === 'allowed').length;
  await showShadowReport();
  document.getElementById('summary').textContent =
    `${allowed} allowed, ${sections.length - allowed} blocked by the browser`;
  button.disabled = false;
}

async function start() {
  document.getElementById('page-origin').textContent = location.origin;
  document.getElementById('api-origin').textContent = apiOrigin;
  const info = await (await fetch('/demo/info')).json();
  document.getElementById('title').textContent = info.title;
  if (info.shadowReport) {
    shadowReport = info.shadowReport;
    document.getElementById('shadow-source').textContent = shadowReport;
    document.getElementById('shadow-report').hidden = false;
  }
  document.title = `Fetch CORS: ${info.title}`;
  const template = document.getElementById('call-template');
  const main = document.getElementById('calls');
  await Promise.all(calls.map((call) => {
    const section = template.content.firstElementChild.cloneNode(true);
    section.dataset.call = call.id;
    section.querySelector('h2').textContent = call.title;
    section.querySelector('.shows').textContent = call.shows;
    section.querySelector('.code').textContent = fetchCode(call);
    section.querySelector('.send').addEventListener('click', () => send(call, section));
    main.append(section);
    return showRules(call, section);
  }));
  document.getElementById('run-all').addEventListener('click', runAll);
  document.body.dataset.ready = 'true';
}

start();
