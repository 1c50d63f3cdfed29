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

  document.addEventListener("submit", function (event) {
    // <form data-portal-confirm="question">: ask before a step that is hard to undo.
    var form = event.target;
    if (form.dataset && form.dataset.portalConfirm && !window.confirm(form.dataset.portalConfirm)) {
      event.preventDefault();
    }
  });
})();
