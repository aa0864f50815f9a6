// Tell the server every minute that this admin page is still open, and show who else has it.
(function () {
  "use strict";
  var PING_EVERY_MS = 60 * 1000;

  function ping(panel) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    fetch(panel.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) { return; }
        var names = answer.others.map(function (other) { return other.name; });
        panel.querySelector(".presence-names").textContent = names.join(", ");
        panel.hidden = names.length === 0;
      })
      .catch(function () { /* Offline for a moment: the next ping tries again. */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("revision-presence");
    if (!panel || !panel.dataset.url) { return; }
    window.setInterval(function () {
      ping(panel);
    }, PING_EVERY_MS);
  });
})();
