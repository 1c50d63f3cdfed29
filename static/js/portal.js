// Small behaviours for the portal's server-rendered pages. CSP forbids inline
// scripts and handlers, so pages mark elements with data- attributes instead.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    // <button type="button" data-portal-print>: print the current page.
    var printButton = event.target.closest("[data-portal-print]");
    if (printButton) {
      event.preventDefault();
      window.print();
    }
  });

  document.addEventListener("change", function (event) {
    // <select data-portal-autosubmit>: submit its form as soon as a choice is made;
    // the form keeps a submit button for keyboards and browsers without JavaScript.
    var field = event.target;
    if (field.matches && field.matches("[data-portal-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
})();
