// A checkbox that selects or clears every checkbox of a name on the page (CSP: no inline
// scripts): <input type="checkbox" data-portal-select-all="unit"> in a table's header ticks
// each row's <input type="checkbox" name="unit">, and shows "some" when only a few are.
(function () {
  "use strict";

  function boxesFor(master) {
    var name = master.dataset.portalSelectAll;
    return Array.prototype.filter.call(
      document.querySelectorAll('input[type="checkbox"]'),
      function (box) {
        return box.name === name && !box.disabled;
      }
    );
  }

  function refresh(master) {
    var boxes = boxesFor(master);
    var ticked = boxes.filter(function (box) {
      return box.checked;
    }).length;
    master.checked = boxes.length > 0 && ticked === boxes.length;
    master.indeterminate = ticked > 0 && ticked < boxes.length;
    master.disabled = boxes.length === 0;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var masters = document.querySelectorAll("[data-portal-select-all]");
    Array.prototype.forEach.call(masters, function (master) {
      refresh(master);
      master.addEventListener("change", function () {
        boxesFor(master).forEach(function (box) {
          box.checked = master.checked;
        });
      });
    });
    document.addEventListener("change", function (event) {
      Array.prototype.forEach.call(masters, function (master) {
        if (event.target !== master && event.target.name === master.dataset.portalSelectAll) {
          refresh(master);
        }
      });
    });
  });
})();
