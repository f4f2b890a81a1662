// Live games: the projector (#projector) and the phone (#phone). Both follow the game's state,
// pushed by Server-Sent Events, and poll instead when push is unavailable. All text from the
// server goes in through textContent: nicknames and questions never become markup.
//
// The article is part of each page, rendered once by the server with numbered sentences; pushes
// only say which article is current and, at the reveal, where the evidence is (code points in the
// article's text), and the page highlights it in its own copy.
(function () {
  "use strict";

  var SHAPES = ["▲", "◆", "●", "■", "★"];
  var LETTERS = ["A", "B", "C", "D", "E"];
  var VERDICT_SYMBOLS = { supported: "✓", contradicted: "✗", not_in_article: "∅" };
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function h(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else if (key === "onchange") node.addEventListener("change", value);
      // Through the CSSOM: the Content-Security-Policy forbids style attributes.
      else if (key === "width") node.style.width = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { if (c) node.appendChild(c); });
      else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Text in quotation marks, unless it already is a quotation (as quiz/web.py's "quoted" filter).
  function quoted(text) {
    return /^["'\u201c\u2018]/.test(text) ? text : "\u201c" + text + "\u201d";
  }

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  // Server time: screens count down to the server's deadline, not to their own clocks.
  var clockOffset = 0;
  function syncClock(state) {
    if (state && state.server_now_ms) clockOffset = state.server_now_ms - Date.now();
  }
  function serverNow() { return Date.now() + clockOffset; }

  // Follow a stream of events; after repeated failures, poll until the stream works again. When
  // the game is deleted (a "deleted" event, or 410 Gone to a poll), stop and call onGone.
  function follow(eventsUrl, eventName, pollUrl, onState, onExtra, onGone) {
    var pollTimer = null;
    var failures = 0;
    var source = null;
    function gone(message) {
      stopPolling();
      if (source) source.close();
      onGone(message);
    }
    function poll() {
      fetch(pollUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (response) {
        if (response.status === 410) return response.json().then(function (data) { gone(data.error); });
        if (!response.ok) throw new Error(response.status);
        return response.json().then(onState);
      }).catch(function () {});
    }
    function startPolling() {
      if (pollTimer) return;
      poll();
      pollTimer = window.setInterval(poll, 2000);
    }
    function stopPolling() {
      if (pollTimer) window.clearInterval(pollTimer);
      pollTimer = null;
    }
    if (!window.EventSource) { startPolling(); return; }
    source = new EventSource(eventsUrl);
    source.addEventListener(eventName, function (event) {
      failures = 0;
      stopPolling();
      onState(JSON.parse(event.data));
    });
    if (onExtra) {
      source.addEventListener("extra", function (event) { onExtra(JSON.parse(event.data)); });
    }
    source.addEventListener("removed", function (event) {
      onState({ removed: JSON.parse(event.data).message });
    });
    source.addEventListener("deleted", function (event) { gone(JSON.parse(event.data).message); });
    source.addEventListener("error", function () {
      failures += 1;
      if (failures >= 2) startPolling();
    });
  }

  function formatSeconds(left) {
    var seconds = Math.ceil(left / 1000);
    if (seconds < 60) return String(seconds);
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }
  function formatUnit(left) { return Math.ceil(left / 1000) < 60 ? " s" : ""; }

  // A countdown to deadline(), or frozen at paused(); calls onTen at 10 s left and onZero at 0.
  function countdown(node, total, deadline, paused, hooks) {
    hooks = hooks || {};
    function tick() {
      var left = paused() !== null ? paused() : Math.max(0, deadline() - serverNow());
      node.querySelector(".seconds").textContent = formatSeconds(left);
      node.querySelector(".unit").textContent = formatUnit(left);
      var bar = node.querySelector("progress");
      if (bar) bar.value = Math.min(total, left / 1000);
      node.classList.toggle("urgent", left > 0 && left <= 10000);
      if (left <= 10000 && left > 0 && hooks.onTen) { hooks.onTen(); hooks.onTen = null; }
      if (left <= 0 && hooks.onZero) { hooks.onZero(); hooks.onZero = null; }
    }
    tick();
    return window.setInterval(tick, 200);
  }

  function countdownNode(total, label) {
    return h("div", { class: "countdown" },
      h("p", {}, h("span", { class: "seconds", "aria-hidden": "true" }), h("span", { class: "unit", "aria-hidden": "true", text: " s" })),
      h("progress", { max: total, value: total, "aria-label": label || "Time left" }));
  }

  function passageNodes(passages) {
    return passages.map(function (passage) {
      return h("blockquote", { class: "passage" },
        passage.before, h("mark", { class: "evidence", text: passage.exact }), passage.after);
    });
  }

  function distributionNode(reveal) {
    var max = Math.max.apply(null, reveal.distribution.map(function (d) { return d.count; }).concat([1]));
    return h("ul", { class: "distribution", "aria-label": "How the class answered" },
      reveal.distribution.map(function (item) {
        var key = item.choice ? LETTERS[item.choice - 1] + " " + SHAPES[item.choice - 1] + " " : (VERDICT_SYMBOLS[item.verdict] || "") + " ";
        return h("li", { class: item.correct ? "bar correct" : "bar" },
          h("span", { class: "bar-label" }, item.correct ? h("span", { class: "right-tag", text: "Right answer: " }) : null, key + item.text),
          h("span", { class: "bar-track", "aria-hidden": "true" },
            h("span", { class: "bar-fill", width: Math.round(100 * item.count / max) + "%" })),
          h("span", { class: "bar-count", text: item.count + (item.count === 1 ? " answer" : " answers") }));
      }));
  }

  function leaderboardNode(rows, caption) {
    return h("table", { class: "leaderboard" },
      h("caption", { text: caption }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Rank" }), h("th", { scope: "col", text: "Player" }),
        h("th", { scope: "col", text: "Points" }), h("th", { scope: "col", text: "Accuracy points" }))),
      h("tbody", {}, rows.map(function (row) {
        return h("tr", {}, h("td", { text: String(row.rank) }), h("th", { scope: "row", text: row.nickname }),
          h("td", { text: String(row.points) }), h("td", { text: String(row.accuracy_points) }));
      })));
  }

  function ordinal(n) {
    var s = ["th", "st", "nd", "rd"], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }

  function announce(text) {
    var status = document.getElementById("live-status");
    if (status && status.textContent !== text) status.textContent = text;
  }

  function phaseLine(state) {
    if (state.phase === "lobby") return "Waiting for the host to start.";
    if (state.phase === "reading") return "Reading time: read the article before the questions start.";
    if (state.phase === "question") {
      var q = state.question;
      var words = (state.paused ? "Paused. " : "") + "Question " + state.position + " of " + state.total + " is open";
      if (q && q.prompt) words += ": " + (q.kind === "claim" ? "Claim: " : "") + q.prompt;
      return /[.?!…"”]$/.test(words) ? words : words + ".";
    }
    if (state.phase === "reveal") return "Time is up. The answer for question " + state.position + ".";
    if (state.phase === "leaderboard") return "Leaderboard after question " + state.position + ".";
    return "The game is over.";
  }

  // -------------------------------------------------------------------------------------------
  // The article on the page

  function Articles(container) {
    this.container = container;
  }

  Articles.prototype.current = function () {
    return this.container ? this.container.querySelector(".live-article:not([hidden])") : null;
  };

  Articles.prototype.show = function (articleId) {
    if (!this.container || !articleId) return;
    this.container.querySelectorAll(".live-article").forEach(function (node) {
      node.hidden = node.dataset.article !== String(articleId);
    });
  };

  Articles.prototype.sentence = function (position) {
    var article = this.current();
    return article ? article.querySelector('.sentence[data-sentence="' + position + '"]') : null;
  };

  // The sentence's own text, without its number.
  Articles.prototype.sentenceText = function (position) {
    var node = this.sentence(position);
    if (!node) return "";
    return textNodes(node).map(function (t) { return t.data; }).join("").trim();
  };

  Articles.prototype.sentences = function () {
    var self = this;
    var article = this.current();
    if (!article) return [];
    return Array.prototype.map.call(article.querySelectorAll(".sentence"), function (node) {
      return { position: Number(node.dataset.sentence), text: self.sentenceText(node.dataset.sentence) };
    });
  };

  Articles.prototype.clear = function () {
    if (!this.container) return;
    // Badges first: they are the page's words, not the article's, and must not stay behind in it.
    this.container.querySelectorAll(".live-badge").forEach(function (badge) { badge.remove(); });
    this.container.querySelectorAll("mark.live-evidence").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    this.container.querySelectorAll(".sentence.chosen, .sentence.yours").forEach(function (node) {
      node.classList.remove("chosen", "yours");
    });
  };

  // The text nodes of a sentence that are article text: not its number or a badge.
  function textNodes(sentence) {
    var nodes = [];
    var walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT, null);
    var node;
    while ((node = walker.nextNode())) {
      var parent = node.parentNode;
      if (parent.closest(".sentence-number, .pick-badge, .evidence-badge, .live-badge")) continue;
      var previous = node.previousSibling;
      if (previous && previous.nodeType === 1 && previous.classList.contains("sentence-number") && !node.data.trim()) continue;
      nodes.push(node);
    }
    // The space between the number and the text is the page's, not the article's.
    if (nodes.length && nodes[0].previousSibling && nodes[0].previousSibling.nodeType === 1) {
      var first = nodes[0];
      var lead = first.data.length - first.data.replace(/^\s+/, "").length;
      if (lead) {
        first.splitText(lead);
        nodes[0] = first.nextSibling;
      }
    }
    return nodes;
  }

  // Wrap the article's text from start to end (code points) in marks; return the first mark.
  Articles.prototype.mark = function (start, end, label, nearest) {
    var article = this.current();
    if (!article) return null;
    var first = null;
    article.querySelectorAll(".sentence").forEach(function (sentence) {
      var position = Number(sentence.dataset.start);
      textNodes(sentence).forEach(function (node) {
        var chars = Array.from(node.data);
        var from = Math.max(start, position) - position;
        var to = Math.min(end, position + chars.length) - position;
        position += chars.length;
        if (from >= to) return;
        var before = chars.slice(0, from).join("");
        var inside = chars.slice(from, to).join("");
        var after = chars.slice(to).join("");
        var mark = h("mark", { class: "evidence live-evidence" + (nearest ? " nearest" : "") }, inside);
        var parent = node.parentNode;
        if (before) parent.insertBefore(document.createTextNode(before), node);
        parent.insertBefore(mark, node);
        if (after) parent.insertBefore(document.createTextNode(after), node);
        parent.removeChild(node);
        if (!first) {
          first = mark;
          mark.insertBefore(h("span", { class: "evidence-badge live-badge", text: label }), mark.firstChild);
        }
      });
    });
    return first;
  };

  Articles.prototype.highlight = function (reveal) {
    var self = this;
    var first = null;
    var label = reveal.nearest ? "Closest passage" : "Evidence";
    reveal.passages.forEach(function (passage, i) {
      var mark = self.mark(passage.start, passage.end, reveal.passages.length > 1 ? label + " " + (i + 1) : label, reveal.nearest);
      if (!first) first = mark;
    });
    return first;
  };

  function scrollWithin(scroller, target) {
    if (!scroller || !target) return;
    var top = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
    scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 4);
  }

  // -------------------------------------------------------------------------------------------
  // Dialogs: a confirmation the server asked for, and the keyboard help

  function askToConfirm(question, onYes) {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || !dialog.showModal) {
      if (window.confirm(question.title + "\n\n" + question.message)) onYes();
      return;
    }
    document.getElementById("confirm-heading").textContent = question.title;
    document.getElementById("confirm-message").textContent = question.message;
    var yes = document.getElementById("confirm-yes");
    var no = document.getElementById("confirm-no");
    yes.textContent = question.yes;
    no.textContent = question.no;
    function close() { dialog.close(); yes.onclick = null; no.onclick = null; }
    yes.onclick = function () { close(); onYes(); };
    no.onclick = close;
    dialog.showModal();
    no.focus();
  }

  // -------------------------------------------------------------------------------------------
  // The projector

  function startProjector(root) {
    var stage = document.getElementById("stage");
    var controls = document.getElementById("host-controls");
    var articlePane = document.getElementById("projector-article");
    var articles = new Articles(articlePane);
    var banner = document.getElementById("join-banner");
    var current = null;
    var timer = null;
    var highlighted = null;
    var articleAt = null;  // the question (or reading time) the article pane was last reset for
    var teacherNote = document.getElementById("teacher-note");
    var noteShown = null;  // the reveal and note the teacher note was last filled in for

    var NEXT_LABELS = { lobby: "Start the game", reading: "Start the questions", reveal: "Show the leaderboard", leaderboard: "Next question" };

    function visibleControl(action) {
      var form = controls.querySelector('form[data-action="' + action + '"]');
      return form && !form.hidden ? form : null;
    }

    function showControls(state) {
      var visible = {
        next: state.phase === "lobby" || state.phase === "reading" || state.phase === "reveal" || state.phase === "leaderboard",
        skip: state.phase === "question",
        pause: state.phase === "question" && !state.paused,
        resume: state.phase === "question" && state.paused,
        lock: state.phase !== "ended" && !state.host.locked,
        unlock: state.phase !== "ended" && state.host.locked,
        end: state.phase !== "ended",
        screen: state.phase !== "ended",
      };
      controls.querySelectorAll("form").forEach(function (form) {
        form.hidden = !visible[form.dataset.action];
        if (form.dataset.action === "screen") {
          form.querySelector("button").setAttribute("aria-pressed", String(form.dataset.screen === state.host.screen));
        }
      });
      var next = controls.querySelector('form[data-action="next"] button');
      var label = NEXT_LABELS[state.phase] || "Next";
      if (state.phase === "lobby" && state.host.reading_seconds !== null && state.host.reading_seconds !== undefined) label = "Start reading time";
      if (state.phase === "leaderboard" && state.position >= state.total) label = "Show the podium";
      next.textContent = label;
      showTeacherNote(state);
      root.dataset.phase = state.phase;
      root.dataset.screen = state.host.screen;
      if (banner) {
        banner.classList.toggle("compact", state.phase !== "lobby");
        if (state.phase === "ended") { banner.remove(); banner = null; }
      }
    }

    // The host state has a note only at a reveal. It starts closed for each question, and stays
    // as the teacher left it while the same reveal is sent again (another screen choice, say).
    function showTeacherNote(state) {
      if (!teacherNote) return;
      var text = state.host.teacher_note || "";
      var key = text ? state.position + ":" + text : null;
      teacherNote.hidden = !text;
      if (key === noteShown) return;
      noteShown = key;
      teacherNote.open = false;
      document.getElementById("teacher-note-text").textContent = text;
    }

    function showArticleFor(state) {
      var articleId = state.question ? state.question.article_id : state.reading ? state.reading.article_id : null;
      if (articleId) articles.show(articleId);
      var key = state.phase === "reveal" ? "reveal:" + state.position : null;
      if (key !== highlighted) {
        articles.clear();
        highlighted = key;
        if (key) scrollWithin(articlePane, articles.highlight(state.reveal));
      }
      // A new question starts with the article at its top, wherever the last reveal left it.
      var at = state.phase === "question" ? "question:" + state.position : state.phase === "reading" ? "reading" : null;
      if (at && at !== articleAt) articlePane.scrollTop = 0;
      if (at) articleAt = at;
    }

    function render(state) {
      if (!state || !state.phase) return;
      if (current && state.version < current.version) return;
      var sameScreen = current && current.version === state.version;
      syncClock(state);
      var previous = current;
      current = state;
      showControls(state);
      if (!sameScreen) announce(phaseLine(state));
      if (sameScreen && state.phase === "question") {
        var answered = stage.querySelector(".answered");
        if (answered) answered.textContent = state.host.answered + " of " + state.host.player_count + " answered";
        return;
      }
      if (sameScreen && state.phase !== "lobby" && previous.host.screen === state.host.screen) return;
      showArticleFor(state);
      if (timer) window.clearInterval(timer);
      timer = null;
      stage.textContent = "";
      var q = state.question;
      if (state.phase === "lobby") {
        var count = state.host.player_count;
        stage.appendChild(h("h2", { class: "lobby-count", text: count + (count === 1 ? " player" : " players") + " in the lobby" + (state.host.locked ? " (locked)" : "") }));
        if (!count) stage.appendChild(h("p", { class: "lobby-hint", text: "Waiting for players: open the address above on a phone and type the PIN, or scan the code." }));
        stage.appendChild(h("ul", { class: "player-chips", "aria-label": "Players" }, state.host.players.map(function (player) {
          var form = h("form", { method: "post", action: root.dataset.remove.replace(/0\/remove$/, player.id + "/remove") },
            h("input", { type: "hidden", name: "csrf_token", value: csrfToken() }),
            h("button", { type: "submit", class: "chip-remove", "aria-label": "Remove " + player.nickname, text: "×" }));
          return h("li", { class: "chip" }, h("span", { text: player.nickname }), form);
        })));
      } else if (state.phase === "reading") {
        stage.appendChild(h("h2", { class: "big-prompt", text: "Reading time" }));
        stage.appendChild(h("p", { class: "reading-hint", text: "Read the article: it is on every phone too. The questions are about what it says." }));
        if (state.reading.deadline_ms) {
          var readingClock = countdownNode(state.reading.seconds, "Reading time left");
          stage.appendChild(readingClock);
          timer = countdown(readingClock, state.reading.seconds, function () { return state.reading.deadline_ms; }, function () { return null; });
        } else {
          stage.appendChild(h("p", { class: "reading-hint", text: "The questions start when the host is ready." }));
        }
      } else if (state.phase === "question") {
        // The clock and the count come first: a long question must not push them off the screen.
        var clock = countdownNode(q.time_limit);
        var waiting = h("p", { class: "waiting", hidden: true, text: "Time is up: waiting for the last answers." });
        stage.appendChild(h("div", { class: "question-head" },
          h("p", { class: "question-count", text: "Question " + q.position + " of " + state.total + (state.paused ? " · paused" : "") }),
          clock,
          h("p", { class: "answered", text: state.host.answered + " of " + state.host.player_count + " answered" })));
        stage.appendChild(waiting);
        if (state.paused) stage.appendChild(h("p", { class: "paused-banner", text: "Paused" }));
        stage.appendChild(h("h2", { class: "big-prompt" }, q.kind === "claim" ? h("span", { class: "claim-intro", text: "Claim: " }) : null, q.prompt));
        stage.appendChild(answerTiles(q));
        timer = countdown(clock, q.time_limit, function () { return q.deadline_ms; },
          function () { return q.paused_remaining_ms === null || q.paused_remaining_ms === undefined ? null : q.paused_remaining_ms; },
          {
            onTen: function () { announce("10 seconds left."); },
            onZero: function () { if (state.host.closes_ms && state.host.closes_ms > q.deadline_ms) waiting.hidden = false; },
          });
      } else if (state.phase === "reveal") {
        var reveal = state.reveal;
        stage.appendChild(h("p", { class: "question-count", text: "Question " + q.position + " of " + state.total }));
        stage.appendChild(h("h2", { class: "big-prompt" }, q.kind === "claim" ? h("span", { class: "claim-intro", text: "Claim: " }) : null, q.prompt));
        var symbol = reveal.answer.choice ? LETTERS[reveal.answer.choice - 1] + " " + SHAPES[reveal.answer.choice - 1] : VERDICT_SYMBOLS[reveal.answer.verdict];
        stage.appendChild(h("p", { class: "reveal-answer" }, "Answer: ", h("strong", {}, symbol + " " + reveal.answer.text)));
        stage.appendChild(h("p", { class: "explanation", text: reveal.explanation }));
        if (reveal.answer.evidence_right !== undefined) {
          stage.appendChild(h("p", { class: "evidence-right", text: reveal.answer.evidence_right + " of those who chose it also pointed at the evidence." }));
        }
        stage.appendChild(distributionNode(reveal));
        stage.appendChild(h("div", { class: "reveal-passages" },
          h("h3", { text: reveal.nearest ? "The closest the article comes" : "In the article" }),
          passageNodes(reveal.passages)));
      } else if (state.phase === "leaderboard") {
        stage.appendChild(leaderboardNode(state.leaderboard, "Top " + state.leaderboard.length + " after question " + state.position + " of " + state.total));
      } else if (state.phase === "ended") {
        stage.appendChild(h("h2", { class: "podium-heading", text: "Podium" }));
        if (!state.podium.length) stage.appendChild(h("p", { text: "No one played this game." }));
        stage.appendChild(h("ol", { class: "podium" }, state.podium.map(function (row) {
          return h("li", { class: "podium-place place-" + Math.min(row.rank, 3) },
            h("span", { class: "podium-name", text: row.nickname }),
            h("span", { class: "podium-points", text: row.points + " points" }),
            h("span", { class: "podium-step" }, h("span", { class: "visually-hidden", text: "Place " }), String(row.rank)));
        })));
        stage.appendChild(h("p", {}, h("a", { class: "button primary", href: root.dataset.results, text: "Results and downloads" })));
      }
    }

    function answerTiles(q) {
      if (q.kind === "multiple_choice") {
        return h("ol", { class: "options big tiles" }, q.options.map(function (option, i) {
          return h("li", { class: "tile tile-" + i }, h("span", { class: "option-key", "aria-hidden": "true", text: SHAPES[i] + " " + LETTERS[i] }),
            h("span", { class: "visually-hidden", text: LETTERS[i] + ": " }), h("span", { class: "tile-text", text: option.text }));
        }));
      }
      return h("ol", { class: "options big tiles verdicts" }, q.verdicts.map(function (verdict) {
        return h("li", { class: "tile verdict-" + verdict.verdict }, h("span", { class: "option-key", "aria-hidden": "true", text: VERDICT_SYMBOLS[verdict.verdict] }),
          h("span", { class: "tile-text", text: verdict.label }));
      }));
    }

    function post(form, confirmed) {
      var button = form.querySelector("button");
      var body = new FormData(form);
      if (confirmed) body.append("confirmed", "yes");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: body,
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (data) {
          if (data.confirm) { askToConfirm(data.confirm, function () { post(form, true); }); return; }
          if (!response.ok) throw new Error(data.error || "That did not work.");
          render(data);
        });
      }).catch(function (error) { announce(error.message); })
        .then(function () { if (button) button.disabled = false; });
    }

    controls.addEventListener("submit", function (event) {
      event.preventDefault();
      post(event.target, false);
    });
    stage.addEventListener("submit", function (event) {
      event.preventDefault();
      post(event.target, false);
    });

    // Full screen, and the keyboard.
    var fullscreenButton = document.getElementById("fullscreen-button");
    function toggleFullscreen() {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(function () {});
    }
    if (document.documentElement.requestFullscreen) {
      fullscreenButton.hidden = false;
      fullscreenButton.addEventListener("click", toggleFullscreen);
      document.addEventListener("fullscreenchange", function () {
        fullscreenButton.textContent = document.fullscreenElement ? "Leave full screen" : "Full screen";
      });
    }
    var help = document.getElementById("help-dialog");
    var helpButton = document.getElementById("help-button");
    if (help && help.showModal) {
      helpButton.hidden = false;
      helpButton.addEventListener("click", function () { help.showModal(); });
    }

    function press(action) {
      var form = visibleControl(action);
      if (form) post(form, false);
    }
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.closest && target.closest("input, select, textarea, dialog[open]")) return;
      var key = event.key;
      if (key === "n" || key === "N" || key === "ArrowRight") press("next");
      else if (key === "c" || key === "C") press("skip");
      else if (key === "p" || key === "P") press(visibleControl("pause") ? "pause" : "resume");
      else if (key === "l" || key === "L") press(visibleControl("lock") ? "lock" : "unlock");
      else if (key === "e" || key === "E") press("end");
      else if (key === "f" || key === "F") toggleFullscreen();
      else if ((key === "t" || key === "T") && teacherNote && !teacherNote.hidden) teacherNote.open = !teacherNote.open;
      else if (key === "?" && help && help.showModal) help.showModal();
      else if (key === "1" || key === "2" || key === "3") {
        var screen = { 1: "question", 2: "article", 3: "both" }[key];
        var form = controls.querySelector('form[data-action="screen"][data-screen="' + screen + '"]');
        if (form && !form.hidden) post(form, false);
      } else return;
      event.preventDefault();
    });

    render(readJSON("initial-state"));
    follow(root.dataset.events, "host", root.dataset.poll, render, null, function (message) {
      // Deleted from another tab: nothing here can act on it any more.
      if (timer) window.clearInterval(timer);
      controls.textContent = "";  // no buttons, and no keyboard shortcut, act on it any more
      if (banner) { banner.remove(); banner = null; }
      var status = document.getElementById("live-status");
      if (status) status.textContent = message;
      stage.textContent = "";
      stage.appendChild(h("h2", { text: message }));
      stage.appendChild(h("p", {}, h("a", { href: root.dataset.home, text: "Host another game" })));
    });
  }

  // -------------------------------------------------------------------------------------------
  // The phone

  function startPhone(root) {
    var screen = document.getElementById("screen");
    var clockSlot = document.getElementById("clock-slot");
    var dock = document.getElementById("answer-dock");
    var scoreLine = document.getElementById("me-score");
    var articleHint = document.getElementById("article-hint");
    var articleSection = document.getElementById("phone-article");
    var articles = new Articles(articleSection);
    var state = null;
    var me = readJSON("initial-me");
    var extraTime = me ? me.extra_time || 0 : 0;
    var timer = null;
    var sent = {};  // question position -> true once our answer is acknowledged
    var draft = null;  // for a claim: { verdict, sentence } chosen but not sent yet
    var shownResult = null;
    var highlighted = null;
    var store = storage();

    function draftKey() {
      return state && state.question ? "quiz-draft:" + root.dataset.pin + ":" + state.position + ":" + state.question.opened_ms : null;
    }
    function loadDraft() {
      var key = draftKey();
      var saved = null;
      try { saved = key && store ? JSON.parse(store.getItem(key) || "null") : null; } catch (error) { saved = null; }
      return saved || { verdict: null, sentence: null };
    }
    function saveDraft() {
      var key = draftKey();
      if (key && store) {
        try { store.setItem(key, JSON.stringify(draft)); } catch (error) { /* private mode: the choice just isn't kept */ }
      }
    }
    function forgetDraft() {
      var key = draftKey();
      if (key && store) store.removeItem(key);
    }

    function showScore() {
      if (!me) return;
      var parts = [me.points + " points"];
      if (me.rank) parts.unshift("Rank " + me.rank + " of " + me.players);
      if (state && state.streak_bonus && me.streak > 1) parts.push("streak " + me.streak);
      scoreLine.textContent = parts.join(" · ");
    }

    function refreshMe() {
      // Spread the class's requests over a second so that they do not all arrive at once.
      var delay = Math.random() * 1000;
      window.setTimeout(function () {
        getJSON(root.dataset.me).then(function (data) {
          me = data;
          extraTime = me.extra_time || 0;
          if (me.answered && state && state.phase === "question") sent[state.position] = true;
          showScore();
          if (state && state.phase !== "question") draw();
        }).catch(function () {});
      }, delay);
    }

    function myDeadline() {
      var q = state.question;
      return q.deadline_ms + q.time_limit * 10 * extraTime;
    }
    function timeIsUp() {
      return state.phase === "question" && !state.paused && myDeadline() <= serverNow();
    }

    function onExtra(data) {
      var changed = data.extra_time !== extraTime;
      extraTime = data.extra_time;
      if (changed && state && state.phase === "question") draw();
    }

    function onState(next) {
      if (next.removed) {
        state = { phase: "removed", version: Infinity, message: next.removed };
        draw();
        return;
      }
      if (next.extra_time !== undefined) onExtra({ extra_time: next.extra_time });
      if (state && next.version <= state.version) return;
      var previous = state;
      syncClock(next);
      state = next;
      var newQuestion = state.phase === "question" && (!previous || previous.phase !== "question" || previous.position !== state.position);
      if (state.phase !== "question" || newQuestion) draft = null;
      var moved = !previous || previous.phase !== state.phase || previous.position !== state.position;
      if (moved) announce(phaseLine(state));
      // A player's own result changes only when a question closes; not at the game's start, when
      // every phone asking at once would queue the first answers behind the class's requests.
      if (state.phase === "reveal" || state.phase === "ended") refreshMe();
      draw();
      // Each new screen starts at its top, whatever the player had scrolled to in the article.
      if (moved && previous) window.scrollTo({ top: 0, behavior: reducedMotion ? "auto" : "smooth" });
    }

    function sentKey(position) {
      return "quiz-sent:" + root.dataset.pin + ":" + position + ":" + state.question.opened_ms;
    }
    function sentLabel(position) {
      try { return store ? store.getItem(sentKey(position)) : null; } catch (error) { return null; }
    }

    function send(fields, label) {
      var form = new FormData();
      form.append("csrf_token", csrfToken());
      form.append("position", String(state.position));
      Object.keys(fields).forEach(function (key) { if (fields[key] !== null) form.append(key, String(fields[key])); });
      root.querySelectorAll(".answer-button, .send-button").forEach(function (b) { b.disabled = true; });
      var position = state.position;
      fetch(root.dataset.answer, { method: "POST", body: form, headers: { Accept: "application/json", "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) throw new Error(data.error || "Your answer was not accepted.");
            sent[position] = true;
            forgetDraft();
            if (label && store) {
              try { store.setItem(sentKey(position), label); } catch (error) { /* not kept: the generic line shows */ }
            }
            if (state.position === position && state.phase === "question") {
              draw();
              announce("Answer sent.");
            }
          });
        })
        .catch(function (error) {
          root.querySelectorAll(".answer-button, .send-button").forEach(function (b) { b.disabled = false; });
          var problem = screen.querySelector(".error") || screen.insertBefore(h("p", { class: "error", role: "alert" }), screen.firstChild);
          problem.textContent = error.message === "Failed to fetch" ? "No connection: your answer was not sent. Try again." : error.message;
        });
    }

    // The article: which one, what is highlighted, and whether sentences can be tapped.
    function drawArticle() {
      var articleId = state.question ? state.question.article_id : state.reading ? state.reading.article_id : null;
      if (articleId) articles.show(articleId);
      var result = currentResult();
      var key = state.phase === "reveal" ? "reveal:" + state.position + ":" + (result ? result.sentence : "") : null;
      if (key !== highlighted) {
        articles.clear();
        highlighted = key;
        if (key) {
          articles.highlight(state.reveal);
          if (result && result.sentence) {
            var yours = articles.sentence(result.sentence);
            if (yours) {
              yours.classList.add("yours");
              yours.insertBefore(h("span", { class: "pick-badge live-badge", text: "Your pick" }), yours.firstChild);
            }
          }
        }
      }
      var picking = state.phase === "question" && state.question.kind === "claim" && !state.paused && !sent[state.position] && !answeredHere() && !timeIsUp();
      articleSection.classList.toggle("picking", picking);
      articleHint.hidden = !picking;
      if (picking) {
        var noSentence = draft && draft.verdict && !state.question.verdicts.filter(function (v) { return v.verdict === draft.verdict; })[0].needs_evidence;
        articleHint.textContent = noSentence
          ? "“Not in the article” needs no sentence. Tapping one here chooses it for Supported or Contradicted instead."
          : "Tap the sentence that shows your verdict, or choose its number above.";
      }
      articleSection.querySelectorAll(".sentence").forEach(function (node) {
        node.classList.toggle("pickable", picking);
        node.classList.toggle("chosen", picking && draft && String(draft.sentence) === node.dataset.sentence);
      });
    }

    function answeredHere() {
      return me && me.answered && me.version >= state.version;
    }

    function currentResult() {
      return me && me.result && state && me.result.position === state.position ? me.result : null;
    }

    function drawClock() {
      clockSlot.textContent = "";
      if (state.phase === "question") {
        var q = state.question;
        var total = Math.round(q.time_limit * (100 + extraTime) / 100);
        var clock = countdownNode(total, "Time left for you");
        clockSlot.appendChild(h("p", { class: "clock-label", text: "Question " + q.position + " of " + state.total + (extraTime ? " · +" + extraTime + "% time" : "") }));
        clockSlot.appendChild(clock);
        timer = countdown(clock, total, myDeadline,
          function () { return q.paused_remaining_ms === null || q.paused_remaining_ms === undefined ? null : q.paused_remaining_ms + q.time_limit * 10 * extraTime; },
          {
            onTen: function () { if (!sent[q.position]) announce("10 seconds left."); },
            onZero: function () { if (!sent[q.position] && !state.paused) draw(); },
          });
      } else if (state.phase === "reading" && state.reading.deadline_ms) {
        var readingClock = countdownNode(state.reading.seconds, "Reading time left");
        clockSlot.appendChild(h("p", { class: "clock-label", text: "Reading time" }));
        clockSlot.appendChild(readingClock);
        timer = countdown(readingClock, state.reading.seconds, function () { return state.reading.deadline_ms; }, function () { return null; });
      }
    }

    function drawDock() {
      dock.textContent = "";
      var q = state.question;
      var open = state.phase === "question" && q.kind === "claim" && !state.paused && !sent[q.position] && !answeredHere() && !timeIsUp();
      dock.hidden = !open;
      if (!open) return;
      var verdict = draft.verdict ? q.verdicts.filter(function (v) { return v.verdict === draft.verdict; })[0] : null;
      var missing = !verdict ? "Choose a verdict." : verdict.needs_evidence && !draft.sentence ? "Now tap the sentence that shows it." : null;
      var summary = verdict ? verdict.label + (verdict.needs_evidence && draft.sentence ? " · sentence " + draft.sentence : "") : "";
      dock.appendChild(h("p", { class: "dock-summary", id: "dock-summary", "aria-live": "polite" }, summary ? h("strong", { text: summary }) : null, missing ? (summary ? " · " : "") + missing : null));
      dock.appendChild(h("button", {
        type: "button", class: "button primary send-button", disabled: !!missing, "aria-describedby": "dock-summary",
        onclick: function () { send({ verdict: draft.verdict, sentence: verdict.needs_evidence ? draft.sentence : null }, summary); },
      }, "Send answer"));
    }

    function chooseSentence(position) {
      draft.sentence = position;
      // Tapping a sentence means it is evidence: a verdict that needs none gives way.
      var q = state.question;
      var verdict = q.verdicts.filter(function (v) { return v.verdict === draft.verdict; })[0];
      if (verdict && !verdict.needs_evidence) draft.verdict = null;
      saveDraft();
      var select = document.getElementById("sentence-choice");
      if (select) select.value = String(position);
      drawClaimChoice();
    }

    function drawClaimChoice() {
      screen.querySelectorAll(".verdict-button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.verdict === draft.verdict));
      });
      var q = state.question;
      var verdict = q.verdicts.filter(function (v) { return v.verdict === draft.verdict; })[0];
      var picker = document.getElementById("sentence-picker");
      if (picker) picker.hidden = !!verdict && !verdict.needs_evidence;
      var select = document.getElementById("sentence-choice");
      if (select) select.value = draft.sentence ? String(draft.sentence) : "";
      drawArticle();
      drawDock();
    }

    function claimControls(q) {
      var group = h("div", { class: "verdict-buttons", role: "group", "aria-labelledby": "verdict-label" },
        q.verdicts.map(function (verdict) {
          return h("button", {
            type: "button", class: "answer-button verdict-button verdict-" + verdict.verdict, "data-verdict": verdict.verdict, "aria-pressed": "false",
            onclick: function () { draft.verdict = verdict.verdict; saveDraft(); drawClaimChoice(); },
          }, h("span", { class: "option-key", "aria-hidden": "true", text: VERDICT_SYMBOLS[verdict.verdict] }), " " + verdict.label);
        }));
      var select = h("select", { id: "sentence-choice", "aria-describedby": "sentence-hint", onchange: function () {
        if (select.value) chooseSentence(Number(select.value));
        else { draft.sentence = null; saveDraft(); drawClaimChoice(); }
      } }, h("option", { value: "", text: "Choose a sentence" }), articles.sentences().map(function (sentence) {
        var text = sentence.text.length > 90 ? sentence.text.slice(0, 89) + "…" : sentence.text;
        return h("option", { value: String(sentence.position), text: sentence.position + ". " + text });
      }));
      return h("div", { class: "claim-controls" },
        h("p", { class: "control-label", id: "verdict-label", text: "What does the article say?" }),
        group,
        h("div", { class: "sentence-picker", id: "sentence-picker" },
          h("label", { for: "sentence-choice", class: "control-label", text: "The sentence that shows it" }),
          h("p", { class: "hint", id: "sentence-hint", text: "Tap it in the article below, or choose its number here." }),
          select));
    }

    function drawResult() {
      var result = currentResult();
      var reveal = state.reveal;
      if (state.phase === "ended") screen.appendChild(h("h2", { text: "Game over" }));
      if (result && state.phase !== "ended") {
        var outcome = result.correct ? "✓ Right" : result.partial ? "◐ Partly right" : result.answered ? "✗ Wrong" : "No answer";
        screen.appendChild(h("p", { class: "phone-result " + (result.correct ? "right" : result.partial ? "partial" : "wrong") },
          h("strong", { text: outcome }), " +" + result.points + " points" + (state.streak_bonus && result.streak > 1 ? " · streak " + result.streak : "")));
        if (shownResult !== state.position + ":" + state.phase) {
          shownResult = state.position + ":" + state.phase;
          if (state.phase === "reveal") announce(outcome.replace(/^[^A-Za-z]+/, "") + ". " + result.points + " points.");
        }
        if (result.answered) screen.appendChild(h("p", { class: "yours" }, "You answered: ", h("strong", { text: result.yours })));
        if (result.why_not) screen.appendChild(h("p", { class: "option-feedback" }, h("strong", { text: "Why not " + quoted(result.yours) + ": " }), result.why_not));
        if (result.partial) screen.appendChild(h("p", { class: "option-feedback", text: "Right verdict, but that sentence is not the evidence." }));
      } else if (!result && state.phase === "reveal") {
        screen.appendChild(h("p", { text: "Checking your answer…" }));
      }
      if (state.phase === "reveal") {
        screen.appendChild(h("p", { class: "reveal-answer" }, "The answer: ", h("strong", { text: reveal.answer.text })));
        screen.appendChild(h("h3", { text: "Why" }));
        screen.appendChild(h("p", { class: "explanation", text: reveal.explanation }));
        var evidence = h("div", { class: "compare" });
        if (result && result.sentence) {
          evidence.appendChild(h("div", { class: "compare-yours" }, h("h3", { text: "Your sentence (" + result.sentence + ")" }),
            h("blockquote", { class: "passage yours-passage", text: articles.sentenceText(result.sentence) })));
        }
        evidence.appendChild(h("div", { class: "compare-evidence" },
          h("h3", { text: reveal.nearest ? "The closest the article comes" : "The evidence" + (reveal.passages.length && reveal.passages[0].sentences.length ? " (sentence " + reveal.passages.map(function (p) { return p.sentences.join(", "); }).join(", ") + ")" : "") }),
          passageNodes(reveal.passages)));
        screen.appendChild(evidence);
        screen.appendChild(h("p", { class: "hint", text: "It is highlighted in the article below." }));
        screen.appendChild(distributionNode(reveal));
      }
      if (me && me.rank && state.phase !== "reveal") {
        screen.appendChild(h("p", { class: "standing" }, "You are ", h("strong", { text: ordinal(me.rank) }), " of " + me.players + " with " + me.points + " points (" + me.accuracy_points + " accuracy points)."));
      }
      if (state.phase === "ended" && state.podium) {
        screen.appendChild(h("ol", { class: "phone-podium", "aria-label": "Podium" }, state.podium.map(function (row) {
          return h("li", {}, h("span", { class: "podium-rank", text: ordinal(row.rank) + " " }), h("strong", { text: row.nickname }), " " + row.points + " points");
        })));
      }
    }

    function draw() {
      if (timer) window.clearInterval(timer);
      timer = null;
      screen.textContent = "";
      clockSlot.textContent = "";
      if (!state) return;
      showScore();
      var q = state.question;
      if (state.phase === "removed") {
        dock.hidden = true;
        articleSection.hidden = true;
        screen.appendChild(h("h2", { text: state.message }));
        screen.appendChild(h("p", {}, h("a", { href: "/", text: "Play on your own instead" })));
        return;
      }
      if (state.phase === "question" && !draft) draft = loadDraft();
      drawClock();
      if (state.phase === "lobby") {
        screen.appendChild(h("h2", { text: "You're in!" }));
        screen.appendChild(h("p", { text: "Watch the main screen: the game starts when the host is ready. While you wait, read the article below: every answer is in it." }));
      } else if (state.phase === "reading") {
        screen.appendChild(h("h2", { text: "Reading time" }));
        screen.appendChild(h("p", { text: state.reading.deadline_ms ? "Read the article below. The questions start when the time is up." : "Read the article below. The questions start when the host is ready." }));
      } else if (state.phase === "question") {
        if (q.prompt) screen.appendChild(h("h2", { class: "phone-prompt" }, q.kind === "claim" ? h("span", { class: "claim-intro", text: "Claim: " }) : null, q.prompt));
        else screen.appendChild(h("h2", { class: "phone-prompt", text: "Read the question on the main screen." }));
        if (state.paused) {
          screen.appendChild(h("p", { class: "paused", text: "Paused by the host." }));
        } else if (sent[q.position] || answeredHere()) {
          var yours = sentLabel(q.position);
          screen.appendChild(h("p", { class: "sent", role: "status" }, "Answer sent", yours ? h("span", {}, ": ", h("strong", { text: yours })) : null, ". Waiting for the others…"));
        } else if (timeIsUp()) {
          screen.appendChild(h("p", { class: "sent", role: "status", text: "Time is up. The answer comes next." }));
        } else if (q.kind === "multiple_choice") {
          screen.appendChild(h("div", { class: "answer-buttons" }, q.options.map(function (option, i) {
            var label = SHAPES[i] + " " + LETTERS[i] + (option.text ? " " + option.text : "");
            return h("button", { type: "button", class: "answer-button tile tile-" + i, onclick: function () { send({ choice: option.choice }, label); } },
              h("span", { class: "option-key", text: SHAPES[i] + " " + LETTERS[i] }), option.text ? " " + option.text : "");
          })));
        } else {
          screen.appendChild(claimControls(q));
        }
      } else {
        drawResult();
      }
      if (state.phase === "question" && q.kind === "claim") drawClaimChoice();
      else { drawArticle(); drawDock(); }
    }

    // A tap on a sentence of the article chooses it as evidence while a claim is open.
    articleSection.addEventListener("click", function (event) {
      if (!articleSection.classList.contains("picking")) return;
      var sentence = event.target.closest(".sentence");
      if (sentence) chooseSentence(Number(sentence.dataset.sentence));
    });

    onState(readJSON("initial-state"));
    follow(root.dataset.events, "state", root.dataset.poll, onState, onExtra, function (message) { onState({ removed: message }); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var projector = document.getElementById("projector");
    if (projector) startProjector(projector);
    var phone = document.getElementById("phone");
    if (phone) startPhone(phone);
  });
})();
