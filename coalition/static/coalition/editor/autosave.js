// Autosave (coalition/revisions/autosave.py): every few seconds, when the text fields changed
// since the last time, send them to be kept for this person. Nothing is saved to the record;
// after a crash the change page offers to put the text back.
(function () {
  "use strict";

  function setUp(status) {
    // The change form is the one carrying the version it was opened on.
    var versionName = status.dataset.versionField || "opened_version";
    var version = document.querySelector("input[name=" + versionName + "]");
    var form = version && version.form;
    if (!form) { return; }
    var names = status.dataset.fields.split(",").filter(Boolean);
    var seconds = parseInt(status.dataset.interval, 10) || 30;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var sending = false;
    var leaving = false;

    function collect() {
      var data = new URLSearchParams();
      names.forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && typeof field.value === "string") { data.append(name, field.value); }
      });
      return data;
    }

    // What the page opened with counts as kept: only changes are sent.
    var kept = collect().toString();

    function send() {
      if (sending || leaving) { return; }
      var data = collect();
      var text = data.toString();
      if (text === kept) { return; }
      data.append(versionName, version.value);
      sending = true;
      fetch(status.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
        })
        .then(function (result) {
          sending = false;
          if (result.ok) {
            kept = text;
            status.textContent = result.answer.message;
          }
        })
        .catch(function () { sending = false; /* Offline for a moment: the next round tries. */ });
    }

    form.addEventListener("submit", function () { leaving = true; });
    window.setInterval(send, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var status = document.getElementById("autosave-status");
    if (status && status.dataset.autosaveUrl) { setUp(status); }
  });
})();
