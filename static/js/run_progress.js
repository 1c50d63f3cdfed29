// The national report's live progress bar: polls the run's progress URL
// (data-run-progress-url, a small JSON answer) every 1.5 s while the run is queued or
// running, updates the bar, the stage and the status, announces status changes in the
// live region, and reloads the page when the run has finished (its files and figures
// are then on the page). Without JavaScript, a <noscript> refresh does the same job.
(function () {
  "use strict";

  var INTERVAL = 1500;

  function watch(box) {
    var url = box.getAttribute("data-run-progress-url");
    var bar = box.querySelector("[data-run-bar]");
    var percent = box.querySelector("[data-run-percent]");
    var stage = box.querySelector("[data-run-stage]");
    var badge = box.querySelector("[data-run-status-badge]");
    var announce = box.querySelector("[data-run-announce]");
    var errorBox = box.querySelector("[data-run-error]");
    var errorText = box.querySelector("[data-run-error-text]");
    var lastStatus = null;

    function show(data) {
      bar.value = data.progress;
      bar.setAttribute("aria-valuenow", String(data.progress));
      bar.textContent = data.progress + "%";
      percent.textContent = data.progress + "%";
      stage.textContent = data.stage;
      badge.textContent = data.status_label;
      if (data.status !== lastStatus) {
        if (lastStatus !== null) {
          announce.textContent = data.status_label + (data.stage ? " · " + data.stage : "");
        }
        lastStatus = data.status;
      }
      if (data.error) {
        errorText.textContent = data.error;
        errorBox.classList.remove("d-none");
      }
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          show(data);
          if (data.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, INTERVAL);
          }
        })
        .catch(function () {
          // A network hiccup or a restarting server: try again, a little later.
          window.setTimeout(poll, INTERVAL * 2);
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-run-progress-url]").forEach(watch);
  });
})();
