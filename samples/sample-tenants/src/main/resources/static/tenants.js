'use strict';

// The API on the other loopback name: a cross-origin call, as from a tenant's own domain.
const apiHost = (location.hostname === '127.0.0.1') ? 'localhost' : '127.0.0.1';
const apiOrigin = `${location.protocol}//${apiHost}${location.port ? ':' + location.port : ''}`;

async function call() {
  const result = document.getElementById('call-result');
  result.textContent = '…';
  try {
    const response = await fetch(`${apiOrigin}/api/greeting`);
    const body = await response.json();
    result.textContent = `allowed: ${body.message}`;
    result.dataset.outcome = 'allowed';
  }
  catch (error) {
    result.textContent = `blocked by the browser (${error.name}): this origin is not a tenant yet`;
    result.dataset.outcome = 'blocked';
  }
  result.dataset.calls = String(Number(result.dataset.calls || 0) + 1);
}

async function admin(method) {
  const result = document.getElementById('admin-result');
  const response = (method === 'POST')
    ? await fetch('/admin/tenants', { method, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ origin: location.origin }) })
    : await fetch(`/admin/tenants?origin=${encodeURIComponent(location.origin)}`, { method });
  result.textContent = `${response.status}: ${await response.text()}`;
  result.dataset.done = String(Number(result.dataset.done || 0) + 1);
  await showState();
}

async function showState() {
  document.getElementById('tenants').textContent =
    JSON.stringify(await (await fetch('/admin/tenants')).json(), null, 2);
  const listing = await (await fetch('/actuator/cors')).json();
  document.getElementById('source').textContent = JSON.stringify(listing['origin-sources'], null, 2);
}

document.getElementById('page-origin').textContent = location.origin;
document.getElementById('api-origin').textContent = apiOrigin;
document.querySelectorAll('.origin').forEach((node) => { node.textContent = location.origin; });
document.getElementById('call').addEventListener('click', call);
document.getElementById('add').addEventListener('click', () => admin('POST'));
document.getElementById('remove').addEventListener('click', () => admin('DELETE'));
showState().then(() => { document.body.dataset.ready = 'true'; });
