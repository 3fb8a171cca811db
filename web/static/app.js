// Madoguchi visitor pages: live updates over server-sent events, sound and vibration on a
// call. The pages work without this file (they refresh every 20 s); no inline script.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var live = document.getElementById("live");
  var reload = document.body.classList.contains("reload");
  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  if (live || reload) {
    document.querySelectorAll(".js-live").forEach(function (el) { el.hidden = false; });
  }
  if (!live && reload) {  // a page without a live part (the index) reloads itself
    window.setTimeout(function () { window.location.reload(); }, 20000);
  }
  if (!live || !window.EventSource) { return; }

  var alertOn = false;
  var audio = null;
  var lastCall = currentCall();
  var button = document.querySelector(".alert-on");
  var ready = document.querySelector(".alert-ready");
  var banner = document.querySelector(".reconnecting");

  if (button) {
    button.addEventListener("click", function () {
      alertOn = !alertOn;
      button.setAttribute("aria-pressed", alertOn ? "true" : "false");
      if (ready) { ready.hidden = !alertOn; }
      if (alertOn) {
        try {
          var Ctx = window.AudioContext || window.webkitAudioContext;
          audio = audio || (Ctx ? new Ctx() : null);
          if (audio && audio.state === "suspended") { audio.resume(); }
        } catch (e) { audio = null; }
        if (navigator.vibrate) { navigator.vibrate(50); }
      }
    });
  }

  function currentCall() {
    var el = live.querySelector("[data-called]");
    return el ? el.getAttribute("data-called") : null;
  }

  function chime() {
    if (!alertOn) { return; }
    if (navigator.vibrate) { navigator.vibrate([400, 200, 400, 200, 400]); }
    if (!audio) { return; }
    [0, 0.45].forEach(function (offset, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = i === 0 ? 880 : 660;
      gain.gain.setValueAtTime(0.0001, audio.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, audio.currentTime + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + offset + 0.4);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + offset);
      osc.stop(audio.currentTime + offset + 0.42);
    });
  }

  function showCall() {
    var callout = live.querySelector(".callout");
    if (!callout) { return; }
    callout.classList.add("fullscreen");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "close";
    close.textContent = "OK";
    close.addEventListener("click", function () { callout.classList.remove("fullscreen"); close.remove(); });
    callout.appendChild(close);
    close.focus();
  }

  var source = null;
  var retry = 1000;
  function connect() {
    source = new EventSource(live.getAttribute("data-events"));
    source.addEventListener("open", function () {
      retry = 1000;
      root.setAttribute("data-live", "open");
      if (banner) { banner.hidden = true; }
    });
    source.addEventListener("update", function (event) {
      live.innerHTML = event.data;
      var call = currentCall();
      if (call && call !== lastCall && live.querySelector(".callout")) {
        showCall();
        chime();
      }
      lastCall = call;
    });
    source.addEventListener("gone", function () { window.location.reload(); });
    source.addEventListener("error", function () {
      root.setAttribute("data-live", "lost");
      if (banner) { banner.hidden = false; }
      if (source.readyState === EventSource.CLOSED) {
        // refused (server busy) or the server went away: try again later, by ourselves
        window.setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30000);
      }
    });
  }
  connect();
})();
