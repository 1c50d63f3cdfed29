// The statistics form page: the written summary's editor, and a warning before leaving
// the page with unsaved input.
(function () {
  "use strict";

  var form = document.querySelector("form.portal-statistics-form");
  var dirty = false;

  // Quill on top of the plain textarea, which stays the form field (and the fallback
  // without JavaScript). The server sanitises what arrives.
  document.querySelectorAll("[data-portal-editor]").forEach(function (holder) {
    var textarea = document.getElementById(holder.dataset.portalEditor);
    if (!textarea || typeof Quill === "undefined") {
      return;
    }
    holder.hidden = false;
    textarea.hidden = true;
    var editor = new Quill(holder, {
      theme: "snow",
      modules: {
        toolbar: [
          [{ header: [3, 4, false] }],
          ["bold", "italic", "underline"],
          [{ list: "ordered" }, { list: "bullet" }],
          ["blockquote"],
          ["clean"],
        ],
      },
    });
    // setContents, unlike clipboard.dangerouslyPasteHTML, leaves the selection alone: the
    // editor must not take the focus (and scroll the page to itself) when the page opens.
    editor.setContents(editor.clipboard.convert({ html: textarea.value, text: "" }), "silent");
    editor.on("text-change", function (delta, oldDelta, source) {
      if (source === "user") {
        dirty = true;
      }
    });
    textarea.form.addEventListener("submit", function () {
      textarea.value = editor.getLength() > 1 ? editor.getSemanticHTML() : "";
    });
  });

  if (!form) {
    return;
  }
  // Attaching a file, the Excel page or a link would drop what was typed since the last
  // save: let the browser ask first. Saving or submitting the form itself is not leaving.
  // After a conflict or a refused save the page shows input that is not stored yet.
  if (document.querySelector("#conflict, #invalid")) {
    dirty = true;
  }
  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("submit", function () {
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
