// izinkit pages: progressive enhancement only. Every page works without this script, except the
// proof-of-work check of the hosted form, which needs it (the form says so in a <noscript>).

(() => {
  // Proof of work: find a nonce so that SHA-256(challenge ":" nonce) starts with `bits` zero bits.
  function solve(form) {
    const challenge = form.querySelector('input[name="pow_challenge"]');
    const answer = form.querySelector('input[name="pow_nonce"]');
    const status = form.querySelector('.pow-status');
    if (!challenge || !answer || !window.Worker || !window.crypto?.subtle) return;
    let done = false;
    let pendingSubmit = false;
    const worker = new Worker('/web/assets/pow-worker.js');
    worker.onmessage = (e) => {
      answer.value = String(e.data.nonce);
      done = true;
      if (status) status.textContent = status.getAttribute('data-done') || '';
      worker.terminate();
      if (pendingSubmit) form.requestSubmit();
    };
    worker.postMessage({
      challenge: challenge.value,
      bits: Number(form.getAttribute('data-pow-bits') || '12'),
    });
    form.addEventListener('submit', (e) => {
      if (done) return;
      e.preventDefault();
      pendingSubmit = true;
      if (status) status.textContent = status.getAttribute('data-wait') || '';
    });
  }
  // Disable a form's submit button once it is sent (no double submissions).
  function once(form) {
    form.addEventListener('submit', (e) => {
      if (e.defaultPrevented) return;
      const b = form.querySelector('button[type="submit"]');
      if (b)
        setTimeout(() => {
          b.disabled = true;
        }, 0);
    });
  }
  // Live numbers on the admin dashboard: elements with data-live="name" take the value of that
  // name from the container's data-live-url every 5 seconds.
  function live(root) {
    const url = root.getAttribute('data-live-url');
    if (!url || !window.fetch) return;
    const tick = () =>
      fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : null))
        .then((data) => {
          if (!data) return;
          for (const el of document.querySelectorAll('[data-live]')) {
            const k = el.getAttribute('data-live');
            if (k in data && el.textContent !== String(data[k])) el.textContent = String(data[k]);
          }
        })
        .catch(() => {});
    setInterval(tick, 5000);
  }
  document.addEventListener('DOMContentLoaded', () => {
    for (const f of document.querySelectorAll('form[data-pow]')) solve(f);
    for (const f of document.querySelectorAll('form')) once(f);
    for (const el of document.querySelectorAll('[data-live-url]')) live(el);
  });
})();
