// The statistics form page: the written summary's editor, and a warning before leaving
// the page with unsaved input. The national summary's page uses the editor too, with its
// own heading levels (data-portal-editor-headers="2,3").
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
    var headers = (holder.dataset.portalEditorHeaders || "3,4").split(",").map(Number);
    holder.hidden = false;
    textarea.hidden = true;
    var editor = new Quill(holder, {
      theme: "snow",
      modules: {
        toolbar: [
          [{ header: headers.concat([false]) }],
          ["bold", "italic", "underline"],
          [{ list: "ordered" }, { list: "bullet" }],
          ["blockquote"],
          ["clean"],
        ],
      },
    });
    nameToolbar(editor, holder.dataset);
    editor.root.setAttribute("role", "textbox");
    editor.root.setAttribute("aria-label", textarea.labels[0].textContent.trim());
    editor.root.setAttribute("aria-multiline", "true");
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

  // Quill names its buttons in English ("bold") and its heading picker not at all, and its
  // stylesheet shows the picker's choices in English: the page passes translated names in
  // data-label-* attributes, and the stylesheet shows a choice's data-label when it has one.
  function nameToolbar(editor, labels) {
    var toolbar = editor.getModule("toolbar").container;
    var buttons = {
      "button.ql-bold": labels.labelBold,
      "button.ql-italic": labels.labelItalic,
      "button.ql-underline": labels.labelUnderline,
      'button.ql-list[value="ordered"]': labels.labelOrdered,
      'button.ql-list[value="bullet"]': labels.labelBullet,
      "button.ql-blockquote": labels.labelBlockquote,
      "button.ql-clean": labels.labelClean,
      ".ql-header .ql-picker-label": labels.labelHeader,
    };
    Object.keys(buttons).forEach(function (selector) {
      toolbar.querySelectorAll(selector).forEach(function (button) {
        button.setAttribute("aria-label", buttons[selector]);
        button.title = buttons[selector];
      });
    });
    toolbar.querySelectorAll(".ql-header .ql-picker-item").forEach(function (item) {
      var label = labels["labelHeading" + item.dataset.value] || labels.labelNormal;
      item.dataset.label = label;
      item.setAttribute("aria-label", label);
    });
    // The picker shows the choice of the text under the cursor; until the first choice
    // Quill makes, that is normal text.
    var current = toolbar.querySelector(".ql-header .ql-picker-label");
    if (current && !current.dataset.label) {
      current.dataset.label = labels.labelNormal;
    }
  }

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
