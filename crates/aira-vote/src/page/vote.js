'use strict';
// Better with JavaScript: votes without a page load, and the page follows the facilitator
// (it reloads when the question or the reveal changes). Data only ever goes in via textContent.
(function () {
  var room = document.getElementById('room');
  if (!room || !room.dataset.participant || !window.fetch) return;
  var base = room.dataset.base, me = room.dataset.participant;
  var question = room.dataset.question, revealed = room.dataset.revealed;
  var here = base + '/?p=' + encodeURIComponent(me);
  function say(id, s) { var el = document.getElementById(id); if (el) el.textContent = s; }
  function mark(value) {
    var buttons = document.querySelectorAll('button.level');
    for (var i = 0; i < buttons.length; i++) {
      var on = buttons[i].value === value;
      buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
      if (on) say('mine', buttons[i].dataset.label);
    }
  }
  var form = document.getElementById('vote');
  if (form) form.addEventListener('submit', function (e) {
    var b = e.submitter;
    if (!b) return; // let the form post itself
    e.preventDefault();
    var level = b.value === 'na' ? 'na' : Number(b.value);
    say('note', 'Sending\u2026');
    fetch(base + '/vote', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ participant: me, question: question, level: level })
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; }, function () { return { status: r.status, body: null }; });
    }).then(function (r) {
      if (r.status === 200) { mark(b.value); say('note', 'Saved.'); }
      else if (r.status === 409) { location.replace(here); }
      else { say('note', (r.body && r.body.error) || ('Not saved (' + r.status + ').')); }
    }, function () { say('note', 'Not sent: check the connection and tap again.'); });
  });
  function poll() {
    if (document.hidden) return;
    fetch(base + '/state', { cache: 'no-store' }).then(function (r) {
      if (r.status === 404) { say('note', 'Voting has closed.'); return null; }
      return r.ok ? r.json() : null;
    }).then(function (s) {
      if (!s) return;
      var id = s.question ? s.question.id : '';
      if (id !== question || String(s.revealed) !== revealed) { location.replace(here); return; }
      say('count', String(s.votes));
    }, function () {});
  }
  setInterval(poll, 1000);
})();
