// The upload form: says it is reading once sent, and the whole box takes a dropped file
// (not only the file button). A file of its own: the pages allow no inline script (CSP).
(function () {
  var form = document.getElementById("upload-form");
  var input = document.getElementById("file");
  if (!form || !input) return;
  form.addEventListener("submit", function () {
    document.getElementById("reading").hidden = false;
  });
  ["dragenter", "dragover"].forEach(function (name) {
    form.addEventListener(name, function (e) { e.preventDefault(); form.classList.add("dragging"); });
  });
  form.addEventListener("dragleave", function () { form.classList.remove("dragging"); });
  form.addEventListener("drop", function (e) {
    e.preventDefault();
    form.classList.remove("dragging");
    if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
  });
})();
