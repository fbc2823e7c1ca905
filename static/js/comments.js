// Keeps the comment form's token fresh when the page came from a cache or sat open
// for a long time: the server refuses tokens older than a day. Without this script
// the form still works; a refused token comes back with a new one and the text intact.
(function () {
  var form = document.querySelector("form.comment-form[data-token-url]");
  if (!form || !window.fetch) return;
  var STALE = 600; // seconds; well inside the server's limit
  var minAge = 3, fetchedAt = null, pending = null;

  function age() {
    return fetchedAt ? (Date.now() - fetchedAt) / 1000 : Date.now() / 1000 - Number(form.dataset.issued);
  }

  function refresh() {
    pending = fetch(form.dataset.tokenUrl, { credentials: "omit", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        form.elements.token.value = data.token;
        minAge = data.min_age;
        fetchedAt = Date.now();
      });
    return pending;
  }

  form.addEventListener("focusin", function () {
    if (!pending && age() > STALE) refresh().catch(function () {});
  });

  form.addEventListener("submit", function (event) {
    var wait = age() > STALE ? refresh() : pending;
    if (!wait) return;
    event.preventDefault();
    var send = function () { form.submit(); };
    // A new token is accepted once it is minAge seconds old.
    wait.then(function () {
      setTimeout(send, Math.max(0, minAge * 1000 - (Date.now() - fetchedAt)) + 100);
    }, send);
  });
})();
