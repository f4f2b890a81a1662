// Reviewing suggested questions (templates/authoring/suggestions.html): "Mark it in the article"
// marks the suggestion's passages in the article beside the list, without reloading the page.
// Without JavaScript the link reloads the list with that suggestion marked, which does the same.
(function () {
  "use strict";

  // The space the page puts after a sentence's number (or a badge) is not the article's text.
  function pageSpaceBefore(node) {
    var previous = node.previousSibling;
    return previous && previous.nodeType === 1 &&
      (previous.classList.contains("sentence-number") || previous.classList.contains("pick-badge") || previous.classList.contains("evidence-badge")) ? 1 : 0;
  }

  // The text nodes of a sentence that hold article text, each with the page's characters to skip.
  function textNodes(sentence) {
    var nodes = [];
    var walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT, null);
    var node;
    while ((node = walker.nextNode())) {
      if (node.parentNode.closest(".sentence-number, .pick-badge, .evidence-badge")) continue;
      nodes.push({ node: node, skip: pageSpaceBefore(node) });
    }
    return nodes;
  }

  // Take out the marks there are (the server's or ours), leaving the article's text as it was.
  function clear(scroller) {
    scroller.querySelectorAll("mark.evidence").forEach(function (mark) {
      mark.querySelectorAll(".evidence-badge").forEach(function (badge) {
        var after = badge.nextSibling;
        if (after && after.nodeType === 3 && after.data.charAt(0) === " ") after.data = after.data.slice(1);
        badge.remove();
      });
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  // Wrap the article's text from start to end (code points, as the server counts) in marks;
  // the first gets the id evidence-n and a badge, as the server's marks do.
  function mark(scroller, start, end, number, nearest) {
    var first = null;
    scroller.querySelectorAll(".sentence[data-start]").forEach(function (sentence) {
      var position = Number(sentence.dataset.start);
      textNodes(sentence).forEach(function (item) {
        var chars = Array.from(item.node.data);
        var length = chars.length - item.skip;
        var from = Math.max(start, position) - position + item.skip;
        var to = Math.min(end, position + length) - position + item.skip;
        position += length;
        if (from >= to || item.node.parentNode.closest("mark.evidence")) return;
        var node = item.node;
        var parent = node.parentNode;
        var highlight = document.createElement("mark");
        highlight.className = "evidence" + (nearest ? " nearest" : "");
        highlight.dataset.evidence = String(number);
        if (!first) {
          first = highlight;
          highlight.id = "evidence-" + number;
          var badge = document.createElement("span");
          badge.className = "evidence-badge";
          badge.textContent = (nearest ? "Closest passage " : "Evidence ") + number;
          highlight.appendChild(badge);
          highlight.appendChild(document.createTextNode(" "));
        }
        highlight.appendChild(document.createTextNode(chars.slice(from, to).join("")));
        var before = chars.slice(0, from).join("");
        var after = chars.slice(to).join("");
        if (before) parent.insertBefore(document.createTextNode(before), node);
        parent.insertBefore(highlight, node);
        if (after) parent.insertBefore(document.createTextNode(after), node);
        parent.removeChild(node);
      });
    });
    return first;
  }

  function passagesOf(link) {
    return (link.dataset.passages || "").split(" ").filter(Boolean).map(function (pair) {
      var ends = pair.split("-");
      return { start: Number(ends[0]), end: Number(ends[1]) };
    });
  }

  function scrollWithin(scroller, target) {
    var top = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
  }

  function enable(scroller) {
    var section = scroller.closest("section");
    var status = document.getElementById("mark-status");
    document.querySelectorAll("a.mark-link[data-passages]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        // A new tab or window gets the link as it is.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        var passages = passagesOf(link);
        if (!passages.length) return;  // nothing to mark here: the server's page says why
        event.preventDefault();
        var number = link.dataset.number;
        var nearest = link.dataset.nearest === "yes";
        clear(scroller);
        var first = null;
        passages.forEach(function (passage, i) {
          var made = mark(scroller, passage.start, passage.end, i + 1, nearest);
          if (!first) first = made;
        });
        document.querySelectorAll("article.suggestion").forEach(function (card) {
          var chosen = card.contains(link);
          card.classList.toggle("focused", chosen);
          var note = card.querySelector(".marked-note");
          var other = card.querySelector("a.mark-link");
          if (note) note.hidden = !chosen;
          if (other) other.hidden = chosen;
        });
        var heading = document.getElementById("marked-number");
        if (heading) heading.textContent = number;
        var back = document.getElementById("back-to-card");
        if (back) {
          back.href = "#suggestion-" + number;
          back.textContent = "Back to suggestion " + number;
        }
        if (status) status.textContent = "Suggestion " + number + ": " + (nearest ? "the closest passage" : "its evidence") + " is marked in the article.";
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", link.href);
        if (!first) return;
        scrollWithin(scroller, first);
        // On a phone the article is below the list: go to it. Beside the list, it is in view.
        if (window.matchMedia("(max-width: 60rem)").matches && section) section.scrollIntoView({ block: "start" });
        first.setAttribute("tabindex", "-1");
        first.focus({ preventScroll: true });
      });
    });
  }

  // Back from a decision at the next card (#card-KEY): keyboard focus goes to that card, and the
  // message saying what was saved is read out (a message already there when the page loads is not).
  function arrive() {
    var hash = window.location.hash;
    if (hash.indexOf("#card-") !== 0) return;
    var item = document.getElementById(decodeURIComponent(hash.slice(1)));
    var heading = item && item.querySelector("h3");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      // After the browser's own going to the #card-... anchor, which would take the focus back.
      window.addEventListener("load", function () {
        window.setTimeout(function () { heading.focus({ preventScroll: true }); }, 0);
      });
    }
    var flashes = document.querySelector(".flashes");
    var status = document.getElementById("mark-status");
    if (flashes && status) {
      window.setTimeout(function () { status.textContent = flashes.textContent.trim(); }, 250);
    }
  }

  // "Back to suggestion N" (above the article) takes keyboard focus back to that card too.
  function backLink() {
    var back = document.getElementById("back-to-card");
    if (!back) return;
    back.addEventListener("click", function () {
      var card = document.getElementById(back.getAttribute("href").slice(1));
      var heading = card && card.querySelector("h3");
      if (!heading) return;
      heading.setAttribute("tabindex", "-1");
      window.setTimeout(function () { heading.focus({ preventScroll: true }); }, 0);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var scroller = document.getElementById("suggestion-article");
    if (scroller) enable(scroller);
    arrive();
    backLink();
  });
})();
