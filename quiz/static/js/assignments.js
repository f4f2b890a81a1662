// Assignments, for the teacher: the new-assignment form reads times in the browser's time zone,
// and the submissions list refreshes itself while students work. Without JavaScript the form
// uses the installation's time zone (shown on the page) and the list has a Refresh link.
(function () {
  "use strict";

  function fillTimezone(input) {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = ""; }
    if (!zone) return;
    input.value = zone;
    document.querySelectorAll("[data-show-timezone]").forEach(function (span) { span.textContent = zone; });
  }

  function pollSubmissions(status) {
    var body = document.getElementById("submissions-body");
    var news = document.getElementById("submissions-news");
    var seconds = parseInt(status.dataset.seconds, 10) || 5;
    var handedIn = null;
    var students = null;
    var failures = 0;
    function refresh() {
      fetch(status.dataset.poll, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          body.innerHTML = data.html;
          status.textContent = data.students + " student" + (data.students === 1 ? "" : "s") + ", " +
            data.handed_in + " handed in" + (data.not_started ? ", " + data.not_started + " on the class list not started" : "") +
            ". This list updates itself every " + seconds + " seconds.";
          if (handedIn !== null && (data.handed_in > handedIn || data.students > students)) {
            var parts = [];
            if (data.students > students) parts.push((data.students - students) + " new student" + (data.students - students === 1 ? "" : "s"));
            if (data.handed_in > handedIn) parts.push((data.handed_in - handedIn) + " new submission" + (data.handed_in - handedIn === 1 ? "" : "s"));
            news.textContent = parts.join(", ") + ".";
          }
          handedIn = data.handed_in;
          students = data.students;
        })
        .catch(function () {
          failures += 1;
          if (failures === 3) status.textContent = "Cannot reach the server: the list below may be out of date. It keeps trying.";
        })
        .then(function () { window.setTimeout(refresh, seconds * 1000 * Math.min(failures + 1, 6)); });
    }
    window.setTimeout(refresh, seconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-fill-timezone]").forEach(fillTimezone);
    document.querySelectorAll("[data-poll]").forEach(pollSubmissions);
  });
})();
