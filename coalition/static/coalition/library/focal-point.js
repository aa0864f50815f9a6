// The focal point of a library image, set by clicking on the image (or with the arrow keys
// on it): the two numeric fields keep the value, and work alone without this script.
(function () {
  "use strict";
  var STEP = 0.05;

  function clamp(value) {
    // Hundredths: finer than anyone aims, and readable in the fields.
    return Math.min(1, Math.max(0, Math.round(value * 100) / 100));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var picker = document.querySelector(".focal-picker");
    var fieldX = document.getElementById("id_focal_x");
    var fieldY = document.getElementById("id_focal_y");
    if (!picker || !fieldX || !fieldY) { return; }
    var area = picker.querySelector(".focal-picker__area");
    var image = area.querySelector("img");
    var mark = area.querySelector(".focal-picker__mark");
    var point = { x: parseFloat(picker.dataset.x), y: parseFloat(picker.dataset.y) };

    function show() {
      mark.style.left = point.x * 100 + "%";
      mark.style.top = point.y * 100 + "%";
    }

    function set(x, y) {
      point = { x: clamp(x), y: clamp(y) };
      fieldX.value = point.x;
      fieldY.value = point.y;
      show();
    }

    function read() {
      var x = parseFloat(fieldX.value);
      var y = parseFloat(fieldY.value);
      point = { x: isNaN(x) ? 0.5 : clamp(x), y: isNaN(y) ? 0.5 : clamp(y) };
      show();
    }

    area.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      if (event.detail === 0 || !box.width || !box.height) { return; } // Enter or Space.
      set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });
    area.addEventListener("keydown", function (event) {
      var moves = {
        ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP],
      };
      var move = moves[event.key];
      if (!move) { return; }
      event.preventDefault();
      set(point.x + move[0], point.y + move[1]);
    });
    fieldX.addEventListener("input", read);
    fieldY.addEventListener("input", read);
    picker.hidden = false;
    show();
  });
})();
