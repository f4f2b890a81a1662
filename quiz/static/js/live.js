// Live games: the projector (#projector) and the phone (#phone). Both follow the game's state,
// pushed by Server-Sent Events, and poll instead when push is unavailable. All text from the
// server goes in through textContent: nicknames and questions never become markup.
(function () {
  "use strict";

  var SHAPES = ["▲", "◆", "●", "■", "★"];
  var LETTERS = ["A", "B", "C", "D", "E"];

  function h(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "onclick") node.addEventListener("click", value);
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

  // Server time: phones count down to the server's deadline, not to their own clocks.
  var clockOffset = 0;
  function syncClock(state) {
    if (state && state.server_now_ms) clockOffset = state.server_now_ms - Date.now();
  }
  function serverNow() { return Date.now() + clockOffset; }

  // Follow a stream of events; after repeated failures, poll until the stream works again.
  function follow(eventsUrl, eventName, pollUrl, onState) {
    var pollTimer = null;
    var failures = 0;
    function poll() { getJSON(pollUrl).then(onState).catch(function () {}); }
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
    var source = new EventSource(eventsUrl);
    source.addEventListener(eventName, function (event) {
      failures = 0;
      stopPolling();
      onState(JSON.parse(event.data));
    });
    source.addEventListener("removed", function (event) {
      onState({ removed: JSON.parse(event.data).message });
    });
    source.addEventListener("error", function () {
      failures += 1;
      if (failures >= 2) startPolling();
    });
  }

  function countdown(node, question, onZero) {
    function tick() {
      var left;
      if (question.paused_remaining_ms !== null && question.paused_remaining_ms !== undefined) {
        left = question.paused_remaining_ms;
      } else {
        left = Math.max(0, question.deadline_ms - serverNow());
      }
      var seconds = Math.ceil(left / 1000);
      node.querySelector(".seconds").textContent = String(seconds);
      var bar = node.querySelector("progress");
      if (bar) bar.value = left / 1000;
      if (left <= 0 && onZero) { onZero(); onZero = null; }
    }
    tick();
    return window.setInterval(tick, 200);
  }

  function countdownNode(question, label) {
    return h("div", { class: "countdown" },
      h("p", {}, h("span", { class: "seconds", "aria-hidden": "true" }), h("span", { class: "unit", text: " s" })),
      h("progress", { max: question.time_limit, value: question.time_limit, "aria-label": label || "Time left" }));
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
      reveal.distribution.map(function (item, index) {
        var key = item.choice ? LETTERS[item.choice - 1] + " " + SHAPES[item.choice - 1] + " " : "";
        return h("li", { class: item.correct ? "bar correct" : "bar" },
          h("span", { class: "bar-label" }, (item.correct ? "✓ " : "") + key + item.text),
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

  function announce(text) {
    var status = document.getElementById("live-status");
    if (status && status.textContent !== text) status.textContent = text;
  }

  function phaseLine(state) {
    if (state.phase === "lobby") return "Waiting for the host to start.";
    if (state.phase === "question") return (state.paused ? "Paused. " : "") + "Question " + state.position + " of " + state.total + ".";
    if (state.phase === "reveal") return "Time is up. The answer for question " + state.position + ".";
    if (state.phase === "leaderboard") return "Leaderboard after question " + state.position + ".";
    return "The game is over.";
  }

  // -------------------------------------------------------------------------------------------
  // The projector

  function startProjector(root) {
    var stage = document.getElementById("stage");
    var controls = document.getElementById("host-controls");
    var current = null;
    var timer = null;

    var NEXT_LABELS = { lobby: "Start the game", reveal: "Show the leaderboard", leaderboard: "Next question" };

    function showControls(state) {
      var visible = {
        next: state.phase === "lobby" || state.phase === "reveal" || state.phase === "leaderboard",
        skip: state.phase === "question",
        pause: state.phase === "question" && !state.paused,
        resume: state.phase === "question" && state.paused,
        lock: state.phase !== "ended" && !state.host.locked,
        unlock: state.phase !== "ended" && state.host.locked,
        end: state.phase !== "ended",
      };
      controls.querySelectorAll("form").forEach(function (form) {
        form.hidden = !visible[form.dataset.action];
      });
      var next = controls.querySelector('form[data-action="next"] button');
      var label = NEXT_LABELS[state.phase] || "Next";
      if (state.phase === "leaderboard" && state.position >= state.total) label = "Show the podium";
      next.textContent = label;
      document.querySelector(".join-banner").classList.toggle("compact", state.phase !== "lobby");
    }

    function render(state) {
      if (!state || !state.phase) return;
      if (current && state.version < current.version) return;
      var sameScreen = current && current.version === state.version;
      syncClock(state);
      current = state;
      showControls(state);
      announce(phaseLine(state));
      if (sameScreen && state.phase === "question") {
        var answered = stage.querySelector(".answered");
        if (answered) answered.textContent = state.host.answered + " of " + state.host.player_count + " answered";
        return;
      }
      if (sameScreen && state.phase !== "lobby") return;
      if (timer) window.clearInterval(timer);
      timer = null;
      stage.textContent = "";
      var q = state.question;
      if (state.phase === "lobby") {
        stage.appendChild(h("h2", { text: state.host.player_count + (state.host.player_count === 1 ? " player" : " players") + " in the lobby" + (state.host.locked ? " (locked)" : "") }));
        stage.appendChild(h("ul", { class: "player-chips" }, state.host.players.map(function (player) {
          var form = h("form", { method: "post", action: root.dataset.remove.replace(/0\/remove$/, player.id + "/remove") },
            h("input", { type: "hidden", name: "csrf_token", value: csrfToken() }),
            h("button", { type: "submit", class: "chip-remove", "aria-label": "Remove " + player.nickname, text: "×" }));
          return h("li", { class: "chip" }, h("span", { text: player.nickname }), form);
        })));
      } else if (state.phase === "question") {
        stage.appendChild(h("p", { class: "question-count", text: "Question " + q.position + " of " + state.total + (state.paused ? " · paused" : "") }));
        stage.appendChild(h("h2", { class: "big-prompt" }, q.kind === "claim" ? h("span", { class: "claim-intro", text: "Claim: " }) : null, q.prompt));
        stage.appendChild(answerKey(q));
        var clock = countdownNode(q);
        stage.appendChild(clock);
        stage.appendChild(h("p", { class: "answered", text: state.host.answered + " of " + state.host.player_count + " answered" }));
        timer = countdown(clock, q);
      } else if (state.phase === "reveal") {
        var reveal = state.reveal;
        stage.appendChild(h("p", { class: "question-count", text: "Question " + q.position + " of " + state.total }));
        stage.appendChild(h("h2", { class: "big-prompt" }, q.kind === "claim" ? h("span", { class: "claim-intro", text: "Claim: " }) : null, q.prompt));
        stage.appendChild(h("p", { class: "reveal-answer" }, "✓ ", h("strong", { text: reveal.answer.text })));
        stage.appendChild(distributionNode(reveal));
        if (reveal.answer.evidence_right !== undefined) {
          stage.appendChild(h("p", { text: reveal.answer.evidence_right + " of those who chose it also pointed at the evidence." }));
        }
        stage.appendChild(h("p", { class: "explanation", text: reveal.explanation }));
        stage.appendChild(h("h3", { text: "In the article" }));
        passageNodes(reveal.passages).forEach(function (node) { stage.appendChild(node); });
      } else if (state.phase === "leaderboard") {
        stage.appendChild(leaderboardNode(state.leaderboard, "Top " + state.leaderboard.length + " after question " + state.position + " of " + state.total));
      } else if (state.phase === "ended") {
        stage.appendChild(h("h2", { text: "Podium" }));
        stage.appendChild(h("ol", { class: "podium" }, state.podium.map(function (row) {
          return h("li", { class: "place-" + row.rank },
            h("span", { class: "podium-rank", text: ["", "1st", "2nd", "3rd"][row.rank] || row.rank + "th" }),
            h("strong", { text: row.nickname }), h("span", { text: row.points + " points" }));
        })));
        stage.appendChild(h("p", {}, h("a", { class: "button primary", href: root.dataset.results, text: "Results and CSV download" })));
      }
    }

    function answerKey(q) {
      if (q.kind === "multiple_choice") {
        return h("ol", { class: "options big" }, q.options.map(function (option, i) {
          return h("li", {}, h("span", { class: "option-key", text: LETTERS[i] + " " + SHAPES[i] }), " ", option.text);
        }));
      }
      return h("ol", { class: "options big verdicts" }, q.verdicts.map(function (verdict) {
        return h("li", { text: verdict.label });
      }));
    }

    controls.addEventListener("submit", function (event) {
      var form = event.target;
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || "That did not work.");
          render(data);
        });
      }).catch(function (error) { announce(error.message); })
        .then(function () { button.disabled = false; });
    });
    stage.addEventListener("submit", function (event) {
      var form = event.target;
      event.preventDefault();
      fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json", "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (data.phase) render(data); else announce(data.error); });
    });

    render(readJSON("initial-state"));
    follow(root.dataset.events, "host", root.dataset.poll, render);
  }

  // -------------------------------------------------------------------------------------------
  // The phone

  function startPhone(root) {
    var screen = document.getElementById("screen");
    var scoreLine = document.getElementById("me-score");
    var state = null;
    var me = readJSON("initial-me");
    var timer = null;
    var sent = {};  // question position -> true once our answer is acknowledged
    var picking = null;  // for claims: the verdict chosen, while choosing the sentence

    function showScore() {
      if (!me) return;
      var parts = [me.points + " points"];
      if (me.rank) parts.unshift("Rank " + me.rank + " of " + me.players);
      if (me.streak > 1) parts.push("streak " + me.streak);
      scoreLine.textContent = parts.join(" · ");
    }

    function refreshMe() {
      // Spread the class's requests over a second so that they do not all arrive at once.
      var delay = Math.random() * 1000;
      window.setTimeout(function () {
        getJSON(root.dataset.me).then(function (data) {
          me = data;
          if (me.answered && state && state.phase === "question") sent[state.position] = true;
          showScore();
          if (state && state.phase !== "question") draw();
        }).catch(function () {});
      }, delay);
    }

    function onState(next) {
      if (next.removed) {
        state = { phase: "removed", version: Infinity, message: next.removed };
        draw();
        return;
      }
      if (state && next.version <= state.version) return;
      var previous = state;
      syncClock(next);
      state = next;
      picking = null;
      announce(phaseLine(state));
      if (state.phase === "reveal" || state.phase === "ended" || (previous && previous.phase === "lobby")) refreshMe();
      draw();
    }

    function send(fields) {
      var form = new FormData();
      form.append("csrf_token", csrfToken());
      form.append("position", String(state.position));
      Object.keys(fields).forEach(function (key) { form.append(key, String(fields[key])); });
      screen.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      var position = state.position;
      fetch(root.dataset.answer, { method: "POST", body: form, headers: { Accept: "application/json", "X-CSRFToken": csrfToken() }, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) throw new Error(data.error || "Your answer was not accepted.");
            sent[position] = true;
            draw();
          });
        })
        .catch(function (error) {
          screen.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
          var problem = screen.querySelector(".error") || screen.insertBefore(h("p", { class: "error", role: "alert" }), screen.firstChild);
          problem.textContent = error.message;
        });
    }

    function draw() {
      if (timer) window.clearInterval(timer);
      timer = null;
      screen.textContent = "";
      if (!state) return;
      var q = state.question;
      if (state.phase === "removed") {
        screen.appendChild(h("h2", { text: state.message }));
        screen.appendChild(h("p", {}, h("a", { href: "/", text: "Play on your own instead" })));
      } else if (state.phase === "lobby") {
        screen.appendChild(h("h2", { text: "You're in!" }));
        screen.appendChild(h("p", { text: "Watch the main screen: the game starts when the host is ready." }));
      } else if (state.phase === "question") {
        screen.appendChild(h("p", { class: "question-count", text: "Question " + q.position + " of " + state.total }));
        if (q.prompt) screen.appendChild(h("h2", { class: "phone-prompt" }, q.kind === "claim" ? h("span", { class: "claim-intro", text: "Claim: " }) : null, q.prompt));
        else screen.appendChild(h("h2", { class: "phone-prompt", text: "Read the question on the main screen." }));
        var clock = countdownNode(q);
        screen.appendChild(clock);
        timer = countdown(clock, q);
        if (state.paused) {
          screen.appendChild(h("p", { class: "paused", text: "Paused by the host." }));
        } else if (sent[q.position] || (me && me.answered && me.version >= state.version)) {
          screen.appendChild(h("p", { class: "sent", role: "status", text: "Answer sent. Waiting for the others…" }));
        } else if (q.kind === "multiple_choice") {
          screen.appendChild(h("div", { class: "answer-buttons" }, q.options.map(function (option, i) {
            return h("button", { type: "button", class: "answer-button shape-" + i, onclick: function () { send({ choice: option.choice }); } },
              h("span", { class: "option-key", text: LETTERS[i] + " " + SHAPES[i] }), option.text ? " " + option.text : "");
          })));
        } else if (!picking) {
          screen.appendChild(h("p", { text: "What does the article say?" }));
          screen.appendChild(h("div", { class: "answer-buttons" }, q.verdicts.map(function (verdict) {
            return h("button", { type: "button", class: "answer-button verdict", onclick: function () {
              if (verdict.needs_evidence) { picking = verdict.verdict; draw(); } else send({ verdict: verdict.verdict });
            } }, verdict.label);
          })));
        } else {
          screen.appendChild(h("p", {}, "Your verdict: ", h("strong", { text: q.verdicts.filter(function (v) { return v.verdict === picking; })[0].label }),
            ". Now tap the sentence that shows it."));
          screen.appendChild(h("button", { type: "button", class: "button", onclick: function () { picking = null; draw(); }, text: "Change the verdict" }));
          screen.appendChild(h("ol", { class: "sentence-picker" }, q.sentences.map(function (sentence) {
            return h("li", {}, h("button", { type: "button", class: "sentence-button", onclick: function () { send({ verdict: picking, sentence: sentence.position }); } },
              h("span", { class: "sentence-number", text: String(sentence.position) }), " " + sentence.text));
          })));
        }
      } else if (state.phase === "reveal" || state.phase === "leaderboard" || state.phase === "ended") {
        var result = me && me.result && me.result.position === state.position ? me.result : null;
        if (state.phase === "ended") screen.appendChild(h("h2", { text: "Game over" }));
        if (result && state.phase !== "ended") {
          var outcome = result.correct ? "✓ Right" : result.partial ? "◐ Partly right" : result.answered ? "✗ Wrong" : "No answer";
          screen.appendChild(h("p", { class: "phone-result " + (result.correct ? "right" : result.partial ? "partial" : "wrong") },
            h("strong", { text: outcome }), " +" + result.points + " points"));
          if (result.answered) screen.appendChild(h("p", { text: "You answered: " + result.yours }));
          if (result.partial) screen.appendChild(h("p", { text: "Right verdict, but that sentence is not the evidence." }));
        } else if (!result && state.phase === "reveal") {
          screen.appendChild(h("p", { text: "Checking your answer…" }));
        }
        if (state.phase === "reveal") {
          var reveal = state.reveal;
          screen.appendChild(h("p", { class: "reveal-answer" }, "The answer: ", h("strong", { text: reveal.answer.text })));
          screen.appendChild(distributionNode(reveal));
          screen.appendChild(h("p", { class: "explanation", text: reveal.explanation }));
          passageNodes(reveal.passages).forEach(function (node) { screen.appendChild(node); });
        }
        if (me && me.rank && state.phase !== "reveal") {
          screen.appendChild(h("p", { class: "standing" }, "You are ", h("strong", { text: ordinal(me.rank) }), " of " + me.players + " with " + me.points + " points (" + me.accuracy_points + " accuracy points)."));
        }
        if (state.phase === "ended" && state.podium) {
          screen.appendChild(h("ol", { class: "podium" }, state.podium.map(function (row) {
            return h("li", {}, h("strong", { text: row.nickname }), " " + row.points + " points");
          })));
        }
      }
    }

    function ordinal(n) {
      var s = ["th", "st", "nd", "rd"], v = n % 100;
      return n + (s[(v - 20) % 10] || s[v] || s[0]);
    }

    showScore();
    onState(readJSON("initial-state"));
    follow(root.dataset.events, "state", root.dataset.poll, onState);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var projector = document.getElementById("projector");
    if (projector) startProjector(projector);
    var phone = document.getElementById("phone");
    if (phone) startPhone(phone);
  });
})();
