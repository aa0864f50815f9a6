// Upload the chosen images one at a time, each with its own progress bar, and say which were
// refused and why. Without this script the form posts every file at once.
(function () {
  "use strict";

  function row(list, file, text) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    name.className = "library-progress__name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var status = document.createElement("span");
    status.className = "library-progress__status";
    status.textContent = text;
    item.append(name, " ", bar, " ", status);
    list.append(item);
    return { item: item, bar: bar, status: status };
  }

  function send(form, file, shown) {
    return new Promise(function (resolve) {
      var data = new FormData(form);
      data.delete("files");
      data.append("files", file);
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          shown.bar.value = Math.round((100 * event.loaded) / event.total);
        }
      });
      request.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(request.responseText); } catch (error) { answer = null; }
        resolve({ status: request.status, answer: answer });
      });
      request.addEventListener("error", function () { resolve({ status: 0, answer: null }); });
      shown.status.textContent = form.dataset.sending;
      request.send(data);
    });
  }

  function report(shown, form, result) {
    var answer = result.answer || {};
    shown.bar.value = 100;
    if (result.status === 201 && answer.images && answer.images.length) {
      var link = document.createElement("a");
      link.href = answer.images[0].url;
      link.textContent = answer.images[0].title;
      shown.status.textContent = form.dataset.done + ": ";
      shown.status.append(link);
      shown.item.className = "is-done";
      return answer.images[0].id;
    }
    var reasons = (answer.refused || []).map(function (refusal) {
      return refusal.errors.join(" ");
    }).concat(answer.errors || []);
    shown.status.textContent = result.status
      ? form.dataset.refused + ": " + reasons.join(" ")
      : form.dataset.failed;
    shown.item.className = "is-refused";
    return null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.library-upload");
    var section = document.querySelector(".library-progress");
    if (!form || !section || !window.FormData || !window.XMLHttpRequest) { return; }
    var input = form.querySelector("input[type=file][name=files]");
    var list = section.querySelector(".library-progress__files");
    var next = section.querySelector(".library-progress__next");

    form.addEventListener("submit", function (event) {
      var files = Array.from(input.files || []);
      if (!files.length) { return; } // The server says a file is needed.
      event.preventDefault();
      var submit = form.querySelector("[type=submit]");
      submit.disabled = true;
      section.hidden = false;
      list.textContent = "";
      next.hidden = true;
      var shown = files.map(function (file) { return row(list, file, form.dataset.waiting); });
      var ids = [];
      files.reduce(function (previous, file, index) {
        return previous.then(function () {
          return send(form, file, shown[index]).then(function (result) {
            var id = report(shown[index], form, result);
            if (id) { ids.push(id); }
          });
        });
      }, Promise.resolve()).then(function () {
        submit.disabled = false;
        input.value = "";
        if (ids.length) {
          var link = next.querySelector("a");
          link.href = form.dataset.describe + "?ids=" + ids.join(",");
          next.hidden = false;
        }
      });
    });
  });
})();
