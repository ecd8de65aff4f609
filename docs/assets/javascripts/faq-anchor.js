// Opens the FAQ answer that the URL fragment points to (faq/#question-id), so a link to a
// question lands on an open answer instead of a closed one. Without JavaScript every answer is
// still one click or Enter away: <details>/<summary> work natively.
(function () {
  function fragment() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return location.hash.slice(1); // a stray "%" in a hand-typed address
    }
  }

  function openTargetedAnswer() {
    var id = fragment();
    var target = id && document.getElementById(id);
    // Open the targeted <details> and any <details> around it.
    for (var details = target && target.closest("details"); details; ) {
      details.open = true;
      details = details.parentElement && details.parentElement.closest("details");
    }
  }

  openTargetedAnswer();
  // Links between questions on the same page only change the fragment.
  window.addEventListener("hashchange", openTargetedAnswer);
})();
