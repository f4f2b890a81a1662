// Authoring: turn a selection in the rendered article into an evidence quote with its context.
// Without JavaScript the quote fields are simply typed or pasted.
(function () {
  "use strict";

  var CONTEXT = 32;

  function blockOf(node, root) {
    while (node && node !== root) {
      if (node.nodeType === 1 && node.classList.contains("block")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function enable(root) {
    var button = document.getElementById("use-selection");
    var status = document.getElementById("selection-status");
    if (!button) return;
    button.hidden = false;

    // A quote typed by hand no longer matches the context the selection gave it.
    document.querySelectorAll(".evidence-row textarea").forEach(function (area) {
      area.addEventListener("input", function () {
        var row = area.closest(".evidence-row");
        row.querySelector('input[name^="prefix_"]').value = "";
        row.querySelector('input[name^="suffix_"]').value = "";
      });
    });

    button.addEventListener("click", function () {
      var selection = window.getSelection();
      if (!selection.rangeCount || selection.isCollapsed) {
        status.textContent = "Select some words in the article first.";
        return;
      }
      var range = selection.getRangeAt(0);
      var block = blockOf(range.startContainer, root);
      if (!block || block !== blockOf(range.endContainer, root)) {
        status.textContent = "Select within one paragraph; use another quote for the next one.";
        return;
      }
      var before = document.createRange();
      before.selectNodeContents(block);
      before.setEnd(range.startContainer, range.startOffset);
      var text = block.textContent;
      var start = before.toString().length;
      var quote = range.toString();
      // Drop the spaces a double-click or drag picks up at either end.
      var lead = quote.length - quote.replace(/^\s+/, "").length;
      start += lead;
      quote = quote.trim();
      if (!quote) {
        status.textContent = "Select some words in the article first.";
        return;
      }
      var rows = Array.prototype.slice.call(document.querySelectorAll(".evidence-row"));
      var row = rows.filter(function (r) { return !r.querySelector("textarea").value.trim(); })[0];
      if (!row) {
        status.textContent = "All quote fields are in use; clear one first.";
        return;
      }
      row.querySelector("textarea").value = quote;
      row.querySelector('input[name^="prefix_"]').value = text.slice(Math.max(0, start - CONTEXT), start);
      row.querySelector('input[name^="suffix_"]').value = text.slice(start + quote.length, start + quote.length + CONTEXT);
      status.textContent = "Quote " + row.dataset.row + " set: “" + quote + "”.";
      selection.removeAllRanges();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("evidence-source");
    if (root) enable(root);
  });
})();
