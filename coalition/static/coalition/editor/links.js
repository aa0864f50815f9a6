// "Learn more" links put in order by moving them (drag and drop, or the Move up and Move down
// buttons) instead of typing numbers. The order field stays in the form, hidden, and is set
// from the rows' order before the form is sent; without this script the numbers still work.
(function () {
  "use strict";

  function isFilled(row) {
    return Array.prototype.some.call(
      row.querySelectorAll("input[type=text], input[type=url]"),
      function (input) { return input.value.trim() !== ""; }
    );
  }

  function setUp(settings) {
    var group = document.getElementById(settings.dataset.inline + "-group");
    var table = group && group.querySelector("table");
    if (!table) { return; }
    var body = table.tBodies[0];
    var status = settings;
    var moved = false;

    function rows() {
      return Array.prototype.filter.call(body.rows, function (row) {
        return row.classList.contains("form-row") && !row.classList.contains("empty-form");
      });
    }

    function orderInput(row) {
      return row.querySelector("td.field-order input");
    }

    function labelOf(row) {
      var input = row.querySelector("td.field-label input");
      return input && input.value.trim() ? input.value.trim() : "";
    }

    // The filled rows numbered 1, 2, 3… in the order shown, when they are not in that order
    // already; empty extra rows keep their initial value, so they stay unchanged.
    function renumber(force) {
      var filled = rows().filter(isFilled);
      var values = filled.map(function (row) { return parseInt(orderInput(row).value, 10); });
      var inOrder = values.every(function (value, i) {
        return !isNaN(value) && (i === 0 || value > values[i - 1]);
      });
      if (inOrder && !force) { return; }
      filled.forEach(function (row, i) { orderInput(row).value = String(i + 1); });
    }

    function announce(row) {
      var all = rows().filter(function (other) { return other === row || isFilled(other); });
      status.textContent = settings.dataset.moved
        .replace("%(label)s", labelOf(row))
        .replace("%(position)s", String(all.indexOf(row) + 1))
        .replace("%(count)s", String(all.length));
    }

    function move(row, offset) {
      var all = rows();
      var index = all.indexOf(row);
      var target = all[index + offset];
      if (!target) { return false; }
      body.insertBefore(row, offset < 0 ? target : target.nextSibling);
      moved = true;
      renumber(true);
      announce(row);
      return true;
    }

    function controls() {
      var cell = document.createElement("td");
      cell.className = "link-move";
      var handle = document.createElement("span");
      handle.className = "link-handle";
      handle.textContent = "⠿";
      handle.title = settings.dataset.drag;
      handle.setAttribute("aria-hidden", "true");
      cell.appendChild(handle);
      [["up", -1, settings.dataset.up], ["down", 1, settings.dataset.down]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-move-" + spec[0];
        button.dataset.offset = String(spec[1]);
        button.textContent = spec[2];
        cell.appendChild(button);
      });
      return cell;
    }

    function addControls(row) {
      if (row.querySelector(".link-move")) { return; }
      var orderCell = row.querySelector("td.field-order");
      if (orderCell) { orderCell.hidden = true; }
      row.appendChild(controls());
    }

    var orderHeading = table.querySelector("th.column-order");
    if (orderHeading) { orderHeading.hidden = true; }
    var heading = document.createElement("th");
    heading.textContent = settings.dataset.heading;
    table.tHead.rows[0].appendChild(heading);
    Array.prototype.forEach.call(body.rows, function (row) {
      if (row.classList.contains("form-row")) {
        addControls(row);
      } else if (row.cells.length === 1) {
        row.cells[0].colSpan += 1; // The "Add another" row spans the new column too.
      }
    });

    body.addEventListener("click", function (event) {
      var button = event.target.closest(".link-move button");
      if (!button) { return; }
      var row = button.closest("tr");
      if (move(row, parseInt(button.dataset.offset, 10))) { button.focus(); }
    });

    // Dragging starts from the handle only, so that text in the fields can still be selected.
    var dragged = null;
    body.addEventListener("mousedown", function (event) {
      var handle = event.target.closest(".link-handle");
      if (handle) { handle.closest("tr").draggable = true; }
    });
    body.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("tr");
      if (!dragged) { return; }
      dragged.classList.add("link-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", labelOf(dragged));
    });
    body.addEventListener("dragover", function (event) {
      var over = event.target.closest("tr.form-row");
      if (!dragged || !over || over === dragged || over.classList.contains("empty-form")) { return; }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, after ? over.nextSibling : over);
    });
    body.addEventListener("dragend", function () {
      if (!dragged) { return; }
      dragged.classList.remove("link-dragging");
      dragged.draggable = false;
      moved = true;
      renumber(true);
      announce(dragged);
      dragged = null;
    });

    document.addEventListener("formset:added", function (event) {
      var row = event.target;
      if (row && row.closest && row.closest("#" + group.id)) { addControls(row); }
    });

    var form = table.closest("form");
    form.addEventListener("submit", function () { renumber(moved); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-ordered-inline]").forEach(setUp);
  });
})();
