// Autosave (coalition/revisions/autosave.py): every few seconds, when the fields it keeps (texts,
// choices, related records) changed since the last time, send them to be kept for this person.
// Nothing is saved to the record; after a crash the change page offers to put them back.
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

    // What a field holds as the form would post it: a text, a choice, or several choices.
    function valuesOf(field) {
      var isGroup = typeof RadioNodeList !== "undefined" && field instanceof RadioNodeList;
      if (isGroup || field.type === "checkbox" || field.type === "radio") {
        var boxes = isGroup ? Array.prototype.slice.call(field) : [field];
        return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      }
      if (field.multiple && field.options) {
        return Array.prototype.filter.call(field.options, function (option) { return option.selected; })
          .map(function (option) { return option.value; });
      }
      return typeof field.value === "string" ? [field.value] : [];
    }

    // Inline rows kept with the record: "links:label,url,order" names the rows' prefix and
    // fields; each row's id and "delete" box go too.
    var children = (status.dataset.children || "").split(";").filter(Boolean).map(function (spec) {
      var parts = spec.split(":");
      return { prefix: parts[0], fields: parts[1].split(",").concat(["id", "DELETE"]) };
    });

    function collectRows(data) {
      children.forEach(function (child) {
        var total = form.elements.namedItem(child.prefix + "-TOTAL_FORMS");
        if (!total) { return; }
        data.append(total.name, total.value);
        for (var index = 0; index < (parseInt(total.value, 10) || 0); index++) {
          child.fields.forEach(function (name) {
            var field = form.elements.namedItem(child.prefix + "-" + index + "-" + name);
            if (!field) { return; }
            if (field.type === "checkbox") {
              if (field.checked) { data.append(field.name, "on"); }
            } else if (typeof field.value === "string") {
              data.append(field.name, field.value);
            }
          });
        }
      });
    }

    function collect() {
      var data = new URLSearchParams();
      names.forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (!field) { return; }
        var values = valuesOf(field);
        // Nothing chosen is sent too, as one empty value, so that clearing a choice is kept.
        (values.length ? values : [""]).forEach(function (value) { data.append(name, value); });
      });
      collectRows(data);
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
