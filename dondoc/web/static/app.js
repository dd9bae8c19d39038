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
  // unit fields (review, assignment): a suggestion list that ignores case and diacritics
  // ("cong an" finds "Công an thành phố"; đ is d), by name or code; several names in a
  // field are separated by ";". Without script the browser's own list (exact) remains.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var combos = 0;
  function enhance(root) {
    var list = document.getElementById("unit-codes");
    if (!list) return;
    var units = Array.from(list.options).map(function (o) {
      return { name: o.value, code: o.textContent.trim(), key: fold(o.value + " " + o.textContent) };
    });
    root.querySelectorAll('input[list="unit-codes"]').forEach(function (input) {
      var box = document.createElement("ul");
      box.id = "unit-options-" + combos++;
      box.className = "combo-list";
      box.setAttribute("role", "listbox");
      box.hidden = true;
      input.insertAdjacentElement("afterend", box);
      input.removeAttribute("list");
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", box.id);
      input.setAttribute("autocomplete", "off");
      var active = -1;
      function parts() {
        var at = input.value.lastIndexOf(";");
        return [at >= 0 ? input.value.slice(0, at + 1) + " " : "", input.value.slice(at + 1).trim()];
      }
      function close() {
        box.hidden = true;
        active = -1;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
      }
      function choose(li) {
        input.value = parts()[0] + li.dataset.name;
        close();
        input.focus();
      }
      function mark(i) {
        var items = box.querySelectorAll("li");
        if (!items.length) return;
        active = (i + items.length) % items.length;
        items.forEach(function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
        input.setAttribute("aria-activedescendant", items[active].id);
      }
      input.addEventListener("input", function () {
        var typed = fold(parts()[1]);
        box.replaceChildren();
        if (!typed) { close(); return; }
        units.filter(function (u) { return u.key.indexOf(typed) >= 0; }).slice(0, 8).forEach(function (u, k) {
          var li = document.createElement("li");
          li.id = box.id + "-" + k;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.dataset.name = u.name;
          li.textContent = u.name + " (" + u.code + ")";
          li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
          box.appendChild(li);
        });
        box.hidden = !box.children.length;
        input.setAttribute("aria-expanded", box.hidden ? "false" : "true");
        active = -1;
      });
      input.addEventListener("keydown", function (e) {
        if (box.hidden) return;
        if (e.key === "ArrowDown") { e.preventDefault(); mark(active + 1); }
        else if (e.key === "ArrowUp") { e.preventDefault(); mark(active - 1); }
        else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(box.querySelectorAll("li")[active]); }
        else if (e.key === "Escape") { close(); }
      });
      input.addEventListener("blur", close);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // a task the review redraws in place (htmx) brings its own fields
  document.addEventListener("htmx:afterSwap", function () { enhance(document); });
})();
