// Keeps the comment form's token fresh when the page came from a cache or sat open
// for a long time: the server refuses tokens older than a day. Without this script
// the form still works; a refused token comes back with a new one and the text intact.
(function () {
  var form = document.querySelector("form.comment-form[data-token-url]");
  if (!form || !window.fetch) return;
  var STALE = 600; // seconds; well inside the server's limit
  var fetchedAt = null;
  var minAge = 3;

  function age() {
    if (fetchedAt) return (Date.now() - fetchedAt) / 1000;
    return Date.now() / 1000 - Number(form.dataset.issued);
  }

  function refresh() {
    return fetch(form.dataset.tokenUrl, { credentials: "omit", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        form.elements.token.value = data.token;
        minAge = data.min_age;
        fetchedAt = Date.now();
      });
  }

  form.addEventListener("focusin", function () {
    if (age() > STALE) refresh().catch(function () {});
  });

  form.addEventListener("submit", function (event) {
    if (age() <= STALE) return;
    event.preventDefault();
    var send = function () { form.submit(); };
    // A brand-new token must reach the server's minimum age before it is accepted.
    refresh().then(function () { setTimeout(send, minAge * 1000 + 200); }, send);
  });
})();
