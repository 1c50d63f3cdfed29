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

  // Ask before a step that is hard to undo. The form, or the one submit button of it that
  // takes the step, carries:
  //   data-portal-confirm="what will happen, as a question"
  //   data-portal-confirm-button="the step's own label" (the dialog's title and its button)
  //   data-portal-confirm-tone="primary|success|danger" (the button's colour)
  // and the page's <dialog data-portal-confirm-dialog> (base.html) asks. Without JavaScript
  // the form simply submits: the server decides whether the step is allowed.
  var dialog = document.querySelector("dialog[data-portal-confirm-dialog]");
  var confirmed = null;
  // The dialog's own "Confirm", for a step that names no label of its own.
  var defaultLabel = dialog ? dialog.querySelector("[data-portal-confirm-ok]").textContent : "";

  function ask(asker, submitter, proceed) {
    var question = asker.dataset.portalConfirm;
    if (!dialog || typeof dialog.showModal !== "function") {
      if (window.confirm(question)) {
        proceed();
      }
      return;
    }
    var label = asker.dataset.portalConfirmButton || defaultLabel;
    var ok = dialog.querySelector("[data-portal-confirm-ok]");
    var cancel = dialog.querySelector("[data-portal-confirm-cancel]");
    dialog.querySelector("[data-portal-confirm-title]").textContent = label;
    dialog.querySelector("[data-portal-confirm-text]").textContent = question;
    ok.textContent = label;
    ok.className = "btn btn-" + (asker.dataset.portalConfirmTone || "primary");
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      function () {
        if (dialog.returnValue === "confirm") {
          proceed();
        } else if (submitter) {
          submitter.focus();
        }
      },
      { once: true }
    );
    dialog.showModal();
    // The safe choice has the focus: Enter or Esc straight away changes nothing.
    cancel.focus();
  }

  if (dialog) {
    dialog.querySelector("[data-portal-confirm-ok]").addEventListener("click", function () {
      dialog.close("confirm");
    });
    dialog.querySelector("[data-portal-confirm-cancel]").addEventListener("click", function () {
      dialog.close("cancel");
    });
  }

  // Capturing, so that a held submission reaches none of the page's own submit handlers
  // (the statistics form's editor and its unsaved-input warning).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var submitter = event.submitter;
      var asker = submitter && submitter.dataset.portalConfirm ? submitter : form;
      if (!asker.dataset || !asker.dataset.portalConfirm) {
        return;
      }
      if (confirmed === asker) {
        confirmed = null;
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      ask(asker, submitter, function () {
        // The submission fired here passes; it is dispatched at once, so the pass ends with
        // it (also when the browser's own validation stops it).
        confirmed = asker;
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        } else if (submitter) {
          submitter.click();
        } else {
          form.submit();
        }
        confirmed = null;
      });
    },
    true
  );
})();
