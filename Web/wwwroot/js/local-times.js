// Where script runs, each <time datetime> says its exact moment in the visitor's own time zone (in its title, the
// tooltip), and a date on its own ("on 3 March 2026") is the visitor's date. Without script the title says it in UTC.
document.addEventListener('DOMContentLoaded', () => {
  const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
  for (const time of document.querySelectorAll('time[datetime]')) {
    const at = new Date(time.getAttribute('datetime'));
    if (Number.isNaN(at.getTime())) continue;
    time.title = exact.format(at);
    if (time.textContent.startsWith('on ')) time.textContent = 'on ' + day.format(at);
  }
});
