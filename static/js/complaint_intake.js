// The staff intake form (templates/complaints/intake/form.html), for the keyboard alone:
// Enter moves to the next field instead of sending a half-filled form; Ctrl+Enter (or
// Cmd+Enter) registers from any field. On the hotline's form the time received is set to
// the moment the operator starts typing the call, unless they have changed it themselves.
(function () {
  "use strict";

  var form = document.querySelector("form[data-complaint-intake]");
  if (!form) {
    return;
  }
  var stamp = form.querySelector("[data-intake-stamp]");
  var stampTouched = false;
  var stamped = false;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (element) {
      return !element.disabled && element.type !== "hidden" && element.tabIndex >= 0 &&
        element.tagName !== "FIELDSET" && element.tagName !== "OUTPUT";
    });
  }

  function twoDigits(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function now() {
    var d = new Date();
    return d.getFullYear() + "-" + twoDigits(d.getMonth() + 1) + "-" + twoDigits(d.getDate()) +
      "T" + twoDigits(d.getHours()) + ":" + twoDigits(d.getMinutes());
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

  if (stamp) {
    stamp.addEventListener("input", function () {
      stampTouched = true;
    });
    form.addEventListener("input", function (event) {
      if (!stamped && !stampTouched && event.target !== stamp) {
        stamp.value = now();
        stamped = true;
      }
    });
  }
})();
