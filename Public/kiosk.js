// The rating tablet at a counter (/kiosk). Without this script every face is a plain form post.
// With it: one screen at a time, the counter's ticket followed by Server-Sent Events (polling
// when they do not get through), and no tap ever lost - each tap gets a key made here, waits in
// localStorage until the server answers, and is sent again after a network cut; the server
// records each key once, so a resend is harmless.
(function () {
  "use strict";
  var root = document.getElementById("k");
  if (!root || !window.fetch || !window.JSON || !document.querySelectorAll) return;
  var data = function (name) { return root.getAttribute("data-" + name); };
  var STORE = "hailong.kiosk.pending";
  var interval = (Number(data("interval")) || 0) * 1000;
  var factors = Array.prototype.slice.call(document.querySelectorAll(".kf"));
  var ticket = data("ticket") || null;
  var procedure = null;
  var spent = {};           // tickets rated here: a late event showing one again is ignored
  var lastCountedIdle = 0;  // the server decides; this only spares a citizen questions that would not count
  var pending = load();
  var sending = false, delay = 2000, retry = null, timer = null, answer = null;

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || []; } catch (e) { return []; }
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(pending)); } catch (e) { /* kept in memory */ }
  }
  function newKey() {
    var symbols = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", bytes = new Uint8Array(22), key = "";
    crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) key += symbols.charAt(bytes[i] % 62);
    return key;
  }

  // Sending: one at a time, in the order made; kept until the server has answered for it.
  function flush() {
    if (sending || !pending.length) return;
    sending = true;
    var item = pending[0];
    var tap = item.kind === "tap";
    // The age of a tap, by this tablet's clock: the server stamps its own time and only spaces
    // taps that waited here by it.
    var body = tap ? { key: item.key, ticket: item.ticket, answers: item.answers, age: Math.max(0, Date.now() - item.at) }
      : { key: item.key, answers: item.answers };
    fetch(data(tap ? "taps" : "details"), {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      sending = false;
      // Unpaired or revoked: the page says which; the taps stay for a tablet paired again.
      if (response.status === 401 || response.status === 403) { location.reload(); return; }
      if (response.status >= 500 || response.status === 429 || response.status === 408) { later(); return; }
      // Recorded, a resend, or refused for good (a ticket rated elsewhere): done with it.
      pending.shift();
      save();
      delay = 2000;
      flush();
    }, function () { sending = false; later(); });
  }
  function later() {
    clearTimeout(retry);
    retry = setTimeout(flush, delay);
    delay = Math.min(delay * 2, 30000);
  }

  // Screens.
  function show(id) {
    var screens = document.querySelectorAll(".ks");
    for (var i = 0; i < screens.length; i++) screens[i].hidden = screens[i].id !== id;
  }
  function idle() {
    clearTimeout(timer);
    answer = null;
    render();
    show("k-rate");
  }
  function thanks() {
    clearTimeout(timer);
    show("k-thanks");
    timer = setTimeout(idle, 5000);
  }
  function render() {
    document.getElementById("k-ticket").value = ticket || "";
    document.getElementById("k-idle").hidden = !!ticket;
    document.getElementById("k-tx").hidden = !ticket;
    var name = document.getElementById("k-proc");
    name.hidden = !(ticket && procedure);
    name.textContent = ticket && procedure ? procedure : "";
  }
  function apply(state) {
    ticket = state.ticket && !spent[state.ticket] ? state.ticket : null;
    procedure = state.procedure ? state.procedure + " · " + (state.procedureEn || state.procedure) : null;
    if (!document.getElementById("k-rate").hidden) render();
  }

  function tapped(button) {
    var answers = {};
    answers[button.name] = Number(button.value);
    var tap = { kind: "tap", key: newKey(), ticket: ticket, answers: answers, at: Date.now() };
    var counts = !!ticket || Date.now() - lastCountedIdle >= interval;
    if (ticket) { spent[ticket] = true; ticket = null; } else if (counts) { lastCountedIdle = tap.at; }
    pending.push(tap);
    save();
    flush();
    if (counts && factors.length) { answer = { key: tap.key, answers: {} }; ask(0); } else { thanks(); }
  }
  function ask(step) {
    if (step >= factors.length) { finish(); return; }
    answer.step = step;
    show(factors[step].id);
    clearTimeout(timer);
    // A citizen who walks away: what was answered is kept.
    timer = setTimeout(finish, 30000);
  }
  function finish() {
    if (answer && Object.keys(answer.answers).length) {
      pending.push({ kind: "details", key: answer.key, answers: answer.answers });
      save();
      flush();
    }
    answer = null;
    thanks();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button || !button.form) return;
    event.preventDefault();
    if (button.form.getAttribute("action") === data("taps")) { tapped(button); return; }
    if (!answer) { idle(); return; }
    if (button.name === "finish") { finish(); return; }
    answer.answers[button.name] = Number(button.value);
    ask(answer.step + 1);
  });
  document.getElementById("k-thanks").querySelector("a").addEventListener("click", function (event) {
    event.preventDefault();
    idle();
  });

  // Following the counter: events, with a poll while they fail; EventSource reconnects by
  // itself after a restart, and is made again when the browser gives up on it.
  var polling = null, failures = 0;
  function poll() {
    if (polling) return;
    polling = setInterval(function () {
      fetch(data("state"), { credentials: "same-origin", cache: "no-store" }).then(function (response) {
        if (response.status === 401 || response.status === 403) { location.reload(); return null; }
        return response.ok ? response.json() : null;
      }).then(function (state) { if (state) apply(state); }, function () {});
    }, 4000);
  }
  function listen() {
    if (!window.EventSource) { poll(); return; }
    var source = new EventSource(data("events"));
    source.addEventListener("state", function (event) {
      failures = 0;
      if (polling) { clearInterval(polling); polling = null; }
      try { apply(JSON.parse(event.data)); } catch (e) { /* the next event */ }
    });
    source.onerror = function () {
      if (++failures >= 2) poll();
      if (source.readyState === 2) { source.close(); setTimeout(listen, 5000); }
    };
  }

  var full = document.getElementById("fs");
  if (full && document.fullscreenEnabled) {
    full.hidden = false;
    full.addEventListener("click", function () { document.documentElement.requestFullscreen().catch(function () {}); });
    document.addEventListener("fullscreenchange", function () { full.hidden = !!document.fullscreenElement; });
  }
  window.addEventListener("online", function () { delay = 2000; flush(); });
  setInterval(flush, 15000);
  flush();
  listen();
  idle();
})();
