// The Markdown editor (coalition/widgets.py): a toolbar, keyboard shortcuts and a live preview
// that the server renders, as it renders the public page. Without this script the page keeps
// the plain textarea, which saves the same way.
(function () {
  "use strict";
  var PREVIEW_DELAY_MS = 400;
  // A line's block markup: heading, quote or list item.
  var BLOCK = /^(#{1,6} |> |[-*+] |\d+\. )/;

  // The language the text is written in: the form's as chosen now (an article's), else the
  // text box's own (a translation's).
  function textLanguage(textarea) {
    var form = textarea.closest("form");
    var field = form ? form.querySelector("select[name=language], input[name=language]") : null;
    return (field && field.value) || textarea.lang || "";
  }

  function csrfToken(root) {
    var form = root.closest("form");
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Replace value[start:end] by `text` as typing would (the browser's undo keeps it), then
  // select selectStart..selectEnd.
  function replaceRange(textarea, start, end, text, selectStart, selectEnd) {
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var typed = false;
    try {
      typed = document.execCommand("insertText", false, text);
    } catch (error) {
      typed = false;
    }
    if (!typed || textarea.value.slice(start, start + text.length) !== text) {
      textarea.setRangeText(text, start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(selectStart, selectEnd);
  }

  // Wrap the selection in before/after (bold, italic), or unwrap it when it is wrapped.
  function wrap(textarea, before, after, placeholder) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    var selected = value.slice(start, end);
    var outside = start >= before.length &&
      value.slice(start - before.length, start) === before &&
      value.slice(end, end + after.length) === after;
    if (outside) {
      replaceRange(textarea, start - before.length, end + after.length, selected,
        start - before.length, end - before.length);
      return;
    }
    var inside = selected.length >= before.length + after.length &&
      selected.indexOf(before) === 0 &&
      selected.slice(selected.length - after.length) === after;
    if (inside) {
      var bare = selected.slice(before.length, selected.length - after.length);
      replaceRange(textarea, start, end, bare, start, start + bare.length);
      return;
    }
    var text = selected || placeholder;
    replaceRange(textarea, start, end, before + text + after,
      start + before.length, start + before.length + text.length);
  }

  // Put `prefix(n)` before each line of the selection (headings, quotes, lists), or take
  // it away when every line has it already.
  function prefixLines(textarea, pattern, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var selectionEnd = textarea.selectionEnd;
    if (selectionEnd > textarea.selectionStart && value.charAt(selectionEnd - 1) === "\n") {
      selectionEnd -= 1;
    }
    var lineEnd = value.indexOf("\n", selectionEnd);
    var end = lineEnd === -1 ? value.length : lineEnd;
    var lines = value.slice(start, end).split("\n");
    var filled = lines.filter(function (line) { return line.trim() !== ""; });
    var remove = filled.length > 0 && filled.every(function (line) { return pattern.test(line); });
    var number = 0;
    var text = lines.map(function (line) {
      if (remove) { return line.replace(pattern, ""); }
      if (line.trim() === "" && lines.length > 1) { return line; }
      number += 1;
      return prefix(number) + line.replace(BLOCK, "");
    }).join("\n");
    var collapsed = textarea.selectionStart === textarea.selectionEnd;
    replaceRange(textarea, start, end, text, collapsed ? start + text.length : start,
      start + text.length);
  }

  function insertLink(textarea, placeholder) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end);
    if (/^https?:\/\/\S+$/.test(selected)) {
      var text = "[" + placeholder + "](" + selected + ")";
      replaceRange(textarea, start, end, text, start + 1, start + 1 + placeholder.length);
      return;
    }
    var label = selected || placeholder;
    var linked = "[" + label + "](https://)";
    var address = start + label.length + 3;
    replaceRange(textarea, start, end, linked, address, address + "https://".length);
  }

  // Image and document: the Markdown to fill in, its text selected, on a line of its own.
  function insertSkeleton(textarea, before, placeholder) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    var text = textarea.value.slice(start, end) || placeholder;
    var lead = start > 0 && value.charAt(start - 1) !== "\n" ? "\n\n" : "";
    var markup = lead + before + "[" + text + "](https://)";
    var textStart = start + lead.length + before.length + 1;
    replaceRange(textarea, start, end, markup, textStart, textStart + text.length);
  }

  // A chosen library item's reference, on lines of its own for an image (so that it becomes a
  // figure) and in the text for a document, whose link text the selection becomes.
  function insertReference(textarea, kind, reference, caption, start, end) {
    var value = textarea.value;
    var selected = value.slice(start, end).trim();
    var markup = reference;
    if (kind === "document" && selected && selected.indexOf("\n") === -1) {
      markup = "[" + escapeReference(selected) + "]" + reference.slice(reference.lastIndexOf("]") + 1);
    }
    if (kind === "image" && caption) {
      markup = markup.slice(0, -1) + ' "' + escapeReference(caption) + '")';
    }
    var lead = "";
    var trail = "";
    if (kind === "image") {
      var before = value.slice(0, start);
      var after = value.slice(end);
      lead = before === "" || /\n\n$/.test(before) ? "" : (/\n$/.test(before) ? "\n" : "\n\n");
      trail = after === "" || /^\n\n/.test(after) ? "" : (/^\n/.test(after) ? "\n" : "\n\n");
    }
    var text = lead + markup + trail;
    var caret = start + lead.length + markup.length;
    replaceRange(textarea, start, end, text, caret, caret);
    return caret;
  }

  // As coalition.library.references.escape: one line, its brackets and quotes escaped.
  function escapeReference(text) {
    return text.replace(/\s+/g, " ").trim().replace(/([\\\[\]"])/g, "\\$1");
  }

  var ACTIONS = {
    heading: function (t) { prefixLines(t, /^## /, function () { return "## "; }); },
    subheading: function (t) { prefixLines(t, /^### /, function () { return "### "; }); },
    bold: function (t, p) { wrap(t, "**", "**", p); },
    italic: function (t, p) { wrap(t, "_", "_", p); },
    link: function (t, p) { insertLink(t, p); },
    quote: function (t) { prefixLines(t, /^> /, function () { return "> "; }); },
    bullets: function (t) { prefixLines(t, /^[-*+] /, function () { return "- "; }); },
    numbers: function (t) { prefixLines(t, /^\d+\. /, function (n) { return n + ". "; }); },
    image: function (t, p) { insertSkeleton(t, "!", p); },
    document: function (t, p) { insertSkeleton(t, "", p); },
  };

  function run(button, textarea, chooser) {
    var action = button.dataset.mdAction;
    if (chooser && chooser.offers(action)) {
      chooser.open(action);
      return;
    }
    ACTIONS[action](textarea, button.dataset.placeholder || "");
  }

  // The library's chooser: a modal dialog whose content the server sends (a page of items,
  // search, an upload form); choosing inserts the item's reference where the cursor was.
  function setUpChooser(editor, textarea) {
    var urls = {};
    ["image", "document"].forEach(function (kind) {
      var url = editor.dataset["chooser" + kind.charAt(0).toUpperCase() + kind.slice(1)];
      if (url) { urls[kind] = url; }
    });
    if (!Object.keys(urls).length || typeof HTMLDialogElement !== "function") { return null; }
    var dialog = document.createElement("dialog");
    dialog.className = "md-chooser";
    dialog.setAttribute("aria-labelledby", textarea.id + "_chooser_title");
    // Outside the page's form: the chooser's own forms cannot sit inside another.
    document.body.appendChild(dialog);
    var kind = null;
    var range = [0, 0];
    var controller = null;

    function show(html) {
      // The caption typed stays through searches, pages and uploads.
      var typed = dialog.querySelector("[data-chooser-caption]");
      var caption = typed ? typed.value : "";
      dialog.innerHTML = html;
      typed = dialog.querySelector("[data-chooser-caption]");
      if (typed) { typed.value = caption; }
      var title = dialog.querySelector("[data-chooser-title]");
      if (title) { title.id = textarea.id + "_chooser_title"; }
      var chosen = dialog.querySelector("[data-chosen]");
      if (chosen) {
        choose(chosen.dataset.reference);
        return;
      }
      // After a refused upload, the first field to correct; else the search box.
      var error = dialog.querySelector(".md-chooser__upload .md-chooser__error");
      var first = error && error.closest("p").querySelector("input, select, textarea");
      first = first || dialog.querySelector("[data-chooser-focus]");
      if (first) { first.focus(); }
    }

    function load(url, options) {
      if (controller) { controller.abort(); }
      controller = new AbortController();
      dialog.setAttribute("aria-busy", "true");
      return fetch(url, Object.assign({
        credentials: "same-origin",
        headers: { Accept: "text/html", "X-CSRFToken": csrfToken(editor) },
        signal: controller.signal,
      }, options || {}))
        .then(function (response) {
          return response.text().then(function (html) { return { response: response, html: html }; });
        })
        .then(function (result) {
          dialog.removeAttribute("aria-busy");
          var type = result.response.headers.get("Content-Type") || "";
          if (type.indexOf("text/html") === -1 || result.response.redirected ||
              (!result.response.ok && result.response.status !== 400)) {
            throw new Error("chooser unavailable");
          }
          show(result.html);
        });
    }

    function choose(reference) {
      var caption = dialog.querySelector("[data-chooser-caption]");
      var chosenKind = kind;
      var text = caption ? caption.value : "";
      // Closed first: while the dialog is open the rest of the page cannot take the focus.
      dialog.close();
      var caret = insertReference(textarea, chosenKind, reference, text, range[0], range[1]);
      // The dialog's close event, which comes later, leaves the cursor after the reference.
      range = [caret, caret];
    }

    function failed(error) {
      if (error.name === "AbortError") { return; }
      dialog.removeAttribute("aria-busy");
      var message = dialog.querySelector("[data-chooser-failed]");
      if (message) { message.hidden = false; }
    }

    dialog.addEventListener("click", function (event) {
      var target = event.target.closest("[data-reference], [data-chooser-close], [data-chooser-page]");
      if (!target) { return; }
      event.preventDefault();
      if (target.matches("[data-chooser-close]")) {
        dialog.close();
      } else if (target.matches("[data-chooser-page]")) {
        load(urls[kind] + target.getAttribute("href")).catch(failed);
      } else {
        choose(target.dataset.reference);
      }
    });
    dialog.addEventListener("submit", function (event) {
      var form = event.target;
      event.preventDefault();
      if (form.matches("[data-chooser-search]")) {
        load(urls[kind] + "?" + new URLSearchParams(new FormData(form)).toString()).catch(failed);
      } else if (form.matches("[data-chooser-upload]")) {
        var search = dialog.querySelector("[data-chooser-search]");
        var query = search ? new URLSearchParams(new FormData(search)).toString() : "";
        load(urls[kind] + (query ? "?" + query : ""), { method: "POST", body: new FormData(form) })
          .catch(failed);
      }
    });
    // Closed by Esc, the Close button or a choice: writing goes on where it was.
    dialog.addEventListener("close", function () {
      if (controller) { controller.abort(); }
      // Emptied, so that no two dialogs' fields share an id.
      dialog.innerHTML = "";
      textarea.focus();
      textarea.setSelectionRange(range[0], range[1]);
    });

    return {
      offers: function (action) { return Object.prototype.hasOwnProperty.call(urls, action); },
      open: function (action) {
        kind = action;
        range = [textarea.selectionStart, textarea.selectionEnd];
        dialog.innerHTML = "";
        dialog.showModal();
        load(urls[kind]).catch(function (error) {
          if (error.name === "AbortError") { return; }
          // Refused or unreachable: the Markdown to fill in, as without a chooser.
          dialog.close();
          ACTIONS[action](textarea, "");
        });
      },
    };
  }

  // A toolbar is one tab stop; the arrow keys, Home and End move between its buttons.
  function setUpToolbar(toolbar, textarea, chooser) {
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    function focusButton(index) {
      buttons.forEach(function (button, i) { button.tabIndex = i === index ? 0 : -1; });
      buttons[index].focus();
    }
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index === -1) { return; }
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      focusButton((next + buttons.length) % buttons.length);
    });
    buttons.forEach(function (button) {
      // Keep the textarea's selection: a click would otherwise take the focus first.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () { run(button, textarea, chooser); });
    });
    var combos = {};
    buttons.forEach(function (button) {
      if (button.dataset.combo) { combos[button.dataset.combo] = button; }
    });
    textarea.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || (event.ctrlKey && event.metaKey)) { return; }
      var combo = (event.altKey ? "Alt+" : "") + (event.shiftKey ? "Shift+" : "") + event.code;
      var button = combos[combo];
      if (!button) { return; }
      event.preventDefault();
      run(button, textarea, chooser);
    });
    toolbar.hidden = false;
  }

  function setUpPreview(editor, textarea) {
    var url = editor.dataset.previewUrl;
    var pane = editor.querySelector(".md-editor__preview");
    var body = editor.querySelector("[data-md-preview]");
    var status = editor.querySelector("[data-md-status]");
    var statistics = editor.querySelector("[data-md-statistics]");
    if (!url || !pane) { return; }
    var timer = null;
    var controller = null;
    // The server rendered the preview of the text as the page was sent.
    var shown = textarea.defaultValue;

    function refresh() {
      var text = textarea.value;
      if (text === shown) { return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var form = new FormData();
      form.append("text", text);
      form.append("language", textLanguage(textarea));
      body.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST",
        body: form,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(editor), Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
        })
        .then(function (result) {
          body.removeAttribute("aria-busy");
          if (!result.ok) {
            status.textContent = result.answer.error || "";
            return;
          }
          shown = text;
          // Such as a reference to an image no longer in the library (marked in the preview).
          status.textContent = (result.answer.warnings || []).join(" ");
          // Sanitised by the server's Markdown pipeline, as the public page is.
          body.innerHTML = result.answer.html;
          if (statistics) { statistics.textContent = result.answer.statistics; }
          editor.dispatchEvent(new CustomEvent("md-editor:preview", { bubbles: true }));
        })
        .catch(function (error) {
          if (error.name !== "AbortError") { body.removeAttribute("aria-busy"); }
        });
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, PREVIEW_DELAY_MS);
    }
    textarea.addEventListener("input", later);
    // Typed before this script ran, or put back by the browser on returning to the page.
    later();
    pane.hidden = false;
    editor.classList.add("md-editor--previewing");
  }

  function setUp(editor) {
    var textarea = editor.querySelector("textarea");
    var toolbar = editor.querySelector("[role=toolbar]");
    if (!textarea || editor.dataset.mdReady) { return; }
    editor.dataset.mdReady = "1";
    if (toolbar) { setUpToolbar(toolbar, textarea, setUpChooser(editor, textarea)); }
    setUpPreview(editor, textarea);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-md-editor]").forEach(setUp);
  });
})();
