// The written summary's editor: Quill on top of the plain textarea, which stays the
// form field (and the fallback without JavaScript). The server sanitises what arrives.
(function () {
  "use strict";

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
    editor.clipboard.dangerouslyPasteHTML(textarea.value);
    textarea.form.addEventListener("submit", function () {
      textarea.value = editor.getLength() > 1 ? editor.getSemanticHTML() : "";
    });
  });
})();
