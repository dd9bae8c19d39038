// What every page does with script on (each still works without it). A file of its
// own: the pages allow no inline script (CSP), and htmx evaluates no attribute code.
(function () {
  // an htmx form clears the alert region before it asks again
  document.addEventListener("htmx:beforeRequest", function () {
    var flash = document.getElementById("flash");
    if (flash) flash.replaceChildren();
  });
  // the bell's unread count, asked for after the page (one small request, not a query
  // on every page render); without script the bell is a plain link
  document.addEventListener("DOMContentLoaded", function () {
    var bell = document.getElementById("bell");
    if (!bell || !bell.dataset.badge) return;
    fetch(bell.dataset.badge, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        bell.replaceChildren.apply(bell, Array.from(doc.body.childNodes));
      })
      .catch(function () {});
  });
  // "Quay lại" links go back in the browser's history when there is one
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[data-back]") : null;
    if (link && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });
  // the review of a draft: a passage selected in the source becomes a task (its words,
  // and where the selection starts, as the page counts: the server finds the span)
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("add-from-source");
    var source = document.getElementById("source-text");
    if (!form || !source) return;
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      var sel = window.getSelection();
      var text = sel ? sel.toString().trim() : "";
      if (!text || !sel.rangeCount || !source.contains(sel.getRangeAt(0).startContainer)) {
        e.preventDefault();
        alert("Hãy bôi chọn một đoạn trong văn bản gốc trước.");
        return;
      }
      var before = document.createRange();
      before.setStart(source, 0);
      before.setEnd(sel.getRangeAt(0).startContainer, sel.getRangeAt(0).startOffset);
      var lead = sel.toString().length - sel.toString().trimStart().length;
      form.elements.text.value = text;
      form.elements.near.value = String(before.toString().length + lead);
    });
  });
})();
