// Counter display: polls the shown ticket's state and reloads when it was rated or expired,
// so the next citizen sees a fresh QR. Without JavaScript the page shows a refresh link.
(function () {
  var poll = document.getElementById("poll");
  if (!poll || !window.fetch) return;
  var url = poll.getAttribute("data-status");
  function check() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && status.state !== "open") { window.location.reload(); } else { setTimeout(check, 2000); }
      })
      .catch(function () { setTimeout(check, 5000); });
  }
  setTimeout(check, 2000);
})();
