// The review queue's keys and the edit form's starting values. j/n next card, k previous,
// a accept, r reject, e edit, p place, m merge the first suggested pair. Keys typed into a
// field are the field's.
(function () {
  "use strict";
  document.querySelectorAll("form.edit[data-current]").forEach(function (form) {
    var current = JSON.parse(form.dataset.current);
    var select = form.elements.field, value = form.elements.value;
    function fill() { value.value = current[select.value] || ""; }
    select.addEventListener("change", fill);
    fill();
  });

  var cards = Array.from(document.querySelectorAll("ol.queue > li.item"));
  if (!cards.length) return;
  var at = Math.max(0, cards.findIndex(function (c) { return "#" + c.id === window.location.hash; }));
  function show(i) {
    cards.forEach(function (c) { c.classList.remove("current"); });
    at = Math.max(0, Math.min(cards.length - 1, i));
    cards[at].classList.add("current");
    cards[at].focus({ preventScroll: true });
    cards[at].scrollIntoView({ block: "nearest" });
    document.body.dataset.current = cards[at].id.slice(2);
  }
  show(at);
  // after an action the queue comes back at the card that followed
  cards.forEach(function (card, i) {
    var next = cards[i + 1] || cards[i - 1];
    card.querySelectorAll("input[name=back]").forEach(function (input) {
      if (next) input.value = input.value.split("#")[0] + "#" + next.id;
    });
  });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea" || event.ctrlKey ||
        event.metaKey || event.altKey) return;
    var card = cards[at];
    var press = function (selector) {
      var found = card.querySelector(selector);
      if (found) { event.preventDefault(); found.click(); }
    };
    var focus = function (selector) {
      var found = card.querySelector(selector);
      if (found) { event.preventDefault(); found.focus(); }
    };
    switch (event.key) {
      case "j": case "n": event.preventDefault(); show(at + 1); break;
      case "k": event.preventDefault(); show(at - 1); break;
      case "a": press("button.accept"); break;
      case "r": press("button.reject"); break;
      case "e": focus("form.edit select"); break;
      case "p": focus("form.place input[name=q]"); break;
      case "m": {
        var merge = document.querySelector("form.merge-pair button");
        if (merge) { event.preventDefault(); merge.click(); }
        break;
      }
    }
  });
})();
