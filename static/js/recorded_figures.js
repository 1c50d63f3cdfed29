// The statistics form's recorded figures (portal.prefill): "Take" copies the figure the
// portal records into its row's input, "Take all recorded" a section's, and the mark
// "differs from the record" follows what is typed. Without JavaScript the figures and the
// marks the server rendered stay, and the buttons stay hidden.
(function () {
  "use strict";

  // Read as the server does (campaign.validation.parse_value): full-width digits, and commas
  // between thousands; null for an empty input.
  function number(text) {
    var plain = text
      .replace(/[\uff10-\uff19\uff0c\uff0e]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      })
      .replace(/,/g, "")
      .trim();
    return plain === "" ? null : Number(plain);
  }

  function inputOf(block) {
    return document.getElementById(block.dataset.portalRecordedFor);
  }

  function showDifference(block) {
    var value = number(inputOf(block).value);
    block.querySelector("[data-portal-differs]").hidden =
      value === null || value === Number(block.dataset.portalRecorded);
  }

  function take(block) {
    var input = inputOf(block);
    if (number(input.value) === Number(block.dataset.portalRecorded)) {
      return;
    }
    input.value = block.dataset.portalRecorded;
    // As typing would: the page then knows of unsaved input and the mark follows.
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.querySelectorAll("[data-portal-recorded]").forEach(function (block) {
    var input = inputOf(block);
    var button = block.querySelector("[data-portal-take]");
    if (!input || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      take(block);
    });
    input.addEventListener("input", function () {
      showDifference(block);
    });
  });

  document.querySelectorAll("[data-portal-take-all]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      button.closest("section").querySelectorAll("[data-portal-recorded]").forEach(take);
    });
  });
})();
