// Progressive enhancement for rounds: everything here also works without JavaScript.
(function () {
  "use strict";

  // Click a sentence of the article to cite it as evidence. The numbered list beside it is the
  // keyboard and screen-reader way to do the same, so the sentences stay out of the Tab order.
  function enableSentencePicking(scroller) {
    var select = document.getElementById("sentence");
    var status = document.getElementById("picked-status");
    if (!select) return;
    var sentences = scroller.querySelectorAll(".sentence");

    function show(position, announce) {
      sentences.forEach(function (sentence) {
        var chosen = sentence.dataset.sentence === position;
        sentence.classList.toggle("chosen", chosen);
        if (chosen) {
          scroller.scrollTop = sentence.offsetTop - scroller.clientHeight / 3;
        }
      });
      if (announce && status) {
        status.textContent = position ? "Sentence " + position + " chosen as your evidence." : "";
      }
    }

    sentences.forEach(function (sentence) {
      sentence.classList.add("pickable");
      sentence.title = "Cite sentence " + sentence.dataset.sentence + " as your evidence";
      sentence.addEventListener("click", function () {
        select.value = sentence.dataset.sentence;
        show(select.value, true);
      });
    });
    select.addEventListener("change", function () { show(select.value, true); });
    if (select.value) show(select.value, false);

    // "Not in the article" needs no sentence: say so instead of asking for one.
    var picker = document.getElementById("evidence-picker");
    function followVerdict(radio) {
      var needed = radio.dataset.needsEvidence === "yes";
      picker.hidden = !needed;
      select.required = needed;
      if (!needed) {
        select.value = "";
        show("", false);
      }
    }
    document.querySelectorAll('input[name="verdict"]').forEach(function (radio) {
      radio.addEventListener("change", function () { followVerdict(radio); });
      if (radio.checked) followVerdict(radio);
    });
  }

  // Scroll the article panel, not the page, so the evidence is in view beside the verdict.
  function scrollToEvidence(scroller) {
    var target = document.getElementById(scroller.dataset.scrollTo);
    if (!target) return;
    scroller.scrollTop = Math.max(0, target.offsetTop - scroller.clientHeight / 3);
  }

  // "Show evidence n" links scroll the panel and move focus there for keyboard users.
  function enableEvidenceLinks(scroller) {
    document.querySelectorAll('a[href^="#evidence-"]').forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        scroller.scrollTop = Math.max(0, target.offsetTop - scroller.clientHeight / 3);
        target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
        if (window.matchMedia("(max-width: 60rem)").matches) {
          scroller.scrollIntoView({ block: "start" });
        }
      });
    });
  }

  // A second click on "Submit" while the first is on its way would only be refused as a replay.
  function guardDoubleSubmit(form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector('button[type="submit"]');
      if (button) {
        window.setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  }

  // Homework with a time limit: count down to the attempt's deadline, say so at 5 minutes and at
  // 1 minute, and at zero reload: the server then hands in what was answered.
  function countDown(box) {
    var deadline = Date.parse(box.dataset.deadline);
    // A closing time days away stays as the server wrote it ("Hand in by ..."): a countdown of
    // thousands of minutes says nothing. The count starts in the last three hours.
    if (!(deadline - Date.now() < 3 * 3600 * 1000)) return;
    var text = box.querySelector(".time-left-text");
    var warn = document.createElement("span");
    warn.className = "visually-hidden";
    warn.setAttribute("role", "status");
    box.appendChild(warn);
    var warned = {};
    function tick() {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      text.textContent = "Time left: " + minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      box.classList.toggle("urgent", left <= 60);
      [300, 60].forEach(function (mark) {
        if (left <= mark && left > 0 && !warned[mark]) {
          warned[mark] = true;
          warn.textContent = (mark / 60) + " minute" + (mark === 60 ? "" : "s") + " left.";
        }
      });
      if (left <= 0) {
        window.clearInterval(timer);
        window.setTimeout(function () { window.location.assign(window.location.pathname); }, 1500);
      }
    }
    var timer = window.setInterval(tick, 1000);
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".time-left[data-deadline]").forEach(countDown);
    document.querySelectorAll("[data-pick-sentences]").forEach(enableSentencePicking);
    document.querySelectorAll("[data-scroll-to]").forEach(function (scroller) {
      scrollToEvidence(scroller);
      enableEvidenceLinks(scroller);
    });
    document.querySelectorAll("form.answer-form").forEach(guardDoubleSubmit);
    var result = document.getElementById("result");
    if (result && window.location.hash === "#result") {
      result.focus({ preventScroll: false });
    }
  });
})();
