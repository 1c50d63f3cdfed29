// The commitment form shows the fields of the chosen kind only: a time limit in the kind's
// units, or the hours of the day for call hours. The server checks the same anyway.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("commitment-kinds");
    var kind = document.querySelector("[data-commitment-kind]");
    if (!data || !kind) {
      return;
    }
    var kinds = JSON.parse(data.textContent);
    var unit = document.getElementById("id_limit_unit");

    function show(name, visible) {
      var wrapper = document.getElementById("div_id_" + name);
      if (wrapper) {
        wrapper.hidden = !visible;
      }
    }

    function update() {
      var chosen = kinds[kind.value];
      var limit = chosen ? chosen.limit : null;
      show("limit_value", !chosen || limit === "duration");
      show("limit_unit", !chosen || limit === "duration");
      show("window_start", !chosen || limit === "time_window");
      show("window_end", !chosen || limit === "time_window");
      if (unit && chosen) {
        Array.prototype.forEach.call(unit.options, function (option) {
          option.hidden = option.value !== "" && chosen.units.indexOf(option.value) === -1;
        });
      }
    }

    kind.addEventListener("change", update);
    update();
  });
})();
