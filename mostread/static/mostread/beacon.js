// "Đọc nhiều": count a read once the article has been on screen for a few seconds, once per
// browser, article and day (a localStorage mark; no cookie). Loaded from <script data-beacon>.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  var url = script.getAttribute("data-beacon");
  var mark = "nhn-doc-" + script.getAttribute("data-article");
  var needed = Number(script.getAttribute("data-seconds") || 5) * 1000;
  var now = new Date();
  var today = now.getFullYear() + "-" + (now.getMonth() + 1) + "-" + now.getDate();
  try {
    if (window.localStorage.getItem(mark) === today) return;
  } catch (error) {
    return; // storage refused: no way to count once a day, so do not count
  }
  var seen = 0, since = null, timer = null;

  function send() {
    document.removeEventListener("visibilitychange", changed);
    try { window.localStorage.setItem(mark, today); } catch (error) { return; }
    navigator.sendBeacon(url, "doc");
  }
  function start() {
    if (since === null && document.visibilityState === "visible") {
      since = Date.now();
      timer = window.setTimeout(send, Math.max(0, needed - seen));
    }
  }
  function stop() {
    if (since !== null) {
      seen += Date.now() - since;
      since = null;
      window.clearTimeout(timer);
    }
  }
  function changed() {
    if (document.visibilityState === "visible") start(); else stop();
  }
  document.addEventListener("visibilitychange", changed);
  start();
})();
