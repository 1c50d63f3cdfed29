// The staff intake form (templates/complaints/intake/form.html), for the keyboard alone:
// Enter moves to the next field instead of sending a half-filled form; Ctrl+Enter (or
// Cmd+Enter) registers from any field; a form sent back with errors opens on the first.
// On the hotline's empty form the time received becomes the moment the operator starts
// typing the call, unless they have changed it themselves.
(function () {
  "use strict";

  var form = document.querySelector("form[data-complaint-intake]");
  if (!form) {
    return;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (element) {
      return !element.disabled && element.type !== "hidden" && element.tabIndex >= 0 &&
        element.tagName !== "FIELDSET" && element.tagName !== "OUTPUT";
    });
  }

  form.addEventListener("keydown", function (event) {
    // A Chinese input method confirms its candidate with Enter: that Enter is the IME's.
    if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) {
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    var field = event.target;
    var moves = field.tagName === "SELECT" ||
      (field.tagName === "INPUT" && field.type !== "submit" && field.type !== "button");
    if (!moves) {
      return; // a new line in a text area, or the button itself
    }
    event.preventDefault();
    var all = fields();
    var next = all[all.indexOf(field) + 1];
    if (next) {
      next.focus();
    }
  });

  var invalid = form.querySelector(".is-invalid");
  if (invalid) {
    invalid.focus();
  }

  var stamp = form.querySelector("[data-intake-stamp]");
  if (stamp && stamp.value) {
    // The server wrote its own time (the portal's time zone) into the field; the time
    // passed since then is added to it, whatever time zone this computer is set to.
    var served = new Date(stamp.value + ":00Z");
    var loaded = Date.now();
    var touched = false;
    var stamped = false;
    stamp.addEventListener("input", function () {
      touched = true;
    });
    form.addEventListener("input", function (event) {
      if (stamped || touched || event.target === stamp || isNaN(served.getTime())) {
        return;
      }
      stamped = true;
      var now = new Date(served.getTime() + Date.now() - loaded);
      stamp.value = now.toISOString().slice(0, 16);
    });
  }
})();
