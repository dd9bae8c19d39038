// What every page does with script on (each still works without it). A file of its
// own: the pages allow no inline script (CSP), and htmx evaluates no attribute code.
(function () {
  // an htmx form clears the alert region before it asks again
  document.addEventListener("htmx:beforeRequest", function () {
    var flash = document.getElementById("flash");
    if (flash) flash.replaceChildren();
  });
  // "Quay lại" links go back in the browser's history when there is one
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[data-back]") : null;
    if (link && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });
})();
