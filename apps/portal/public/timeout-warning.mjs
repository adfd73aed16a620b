// The GOV.UK session timeout warning: a modal a few minutes before the idle timeout, "Stay signed in" renews it,
// and at the end the page goes to the signed-out page (the server, not this timer, decides: another tab may have
// kept the session going). Without JavaScript the page says the timeout and kept answers do the rest.
export function initTimeoutWarning(dialog) {
  if (!dialog || typeof dialog.showModal !== 'function') return;
  const warnSeconds = Number(dialog.dataset.warnSeconds);
  const countdown = dialog.querySelector('.app-timeout-dialog__countdown');
  const stay = dialog.querySelector('[data-action="stay-signed-in"]');
  let timer;

  const words = (seconds) => {
    const minutes = Math.ceil(seconds / 60);
    return seconds > 60 ? `${minutes} minutes` : `${Math.max(seconds, 0)} seconds`;
  };
  const schedule = (secondsLeft) => {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(secondsLeft - warnSeconds, 1) * 1000);
  };
  const signedOut = () => {
    const returnTo = dialog.dataset.returnTo || '/';
    window.location.href = `/session/timed-out?returnTo=${encodeURIComponent(returnTo)}`;
  };
  async function check() {
    let secondsLeft = 0;
    try {
      secondsLeft = (
        await (await fetch('/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' })).json()
      ).secondsLeft;
    } catch {
      return schedule(warnSeconds + 60);
    }
    if (secondsLeft <= 0) return signedOut();
    if (secondsLeft > warnSeconds) {
      if (dialog.open) dialog.close();
      return schedule(secondsLeft);
    }
    countdown.textContent = words(secondsLeft);
    if (!dialog.open) dialog.showModal();
    clearTimeout(timer);
    timer = setTimeout(check, Math.min(secondsLeft, 60) * 1000);
  }

  stay.addEventListener('click', async () => {
    const body = new URLSearchParams({ _csrf: stay.dataset.csrf });
    const response = await fetch('/session/keep-alive', { method: 'POST', body, credentials: 'same-origin' });
    if (!response.ok) return signedOut();
    dialog.close();
    schedule((await response.json()).secondsLeft);
  });
  // Escape closes a modal dialog; here it means "stay signed in", as GOV.UK's pattern says.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    stay.click();
  });
  schedule(Number(dialog.dataset.idleSeconds));
}
